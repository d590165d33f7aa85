import { type FormEvent, useState } from 'react';
import type { ProjectSettings, ResolvedProjectSettings } from '@bindery/contracts';
import { useProjectUpdate } from '../../api/hooks';

/** The zones the browser knows (IANA names), UTC first. */
function timeZones(current: string): string[] {
  const known = Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC');
  return ['UTC', ...(known.includes(current) || current === 'UTC' ? [] : [current]), ...known];
}

/**
 * The project's time zone: the days its reports count in (activity, features, retention, funnel conversion over
 * time) and the date range picker's days. Owners and admins change it; a save changes the zone alone.
 */
export function TimeZoneSetting({
  settings,
  manages,
}: {
  settings: ResolvedProjectSettings;
  manages: boolean;
}) {
  const [zone, setZone] = useState(settings.timeZone);
  const save = useProjectUpdate<ProjectSettings>('settings');

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(() => ({ timeZone: zone }));
  }

  return (
    <section className="card stack" aria-labelledby="time-zone-heading">
      <h2 id="time-zone-heading">Time zone</h2>
      <p className="muted">
        Reports count whole days of this zone: active users by day, feature adoption, retention periods,
        funnel conversion over time, and the days the range picker offers. Events keep their exact times.
      </p>
      <form className="form-row" onSubmit={submit}>
        <label>
          Project time zone
          <select value={zone} disabled={!manages} onChange={(e) => setZone(e.target.value)}>
            {timeZones(settings.timeZone).map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        {manages && (
          <button type="submit" className="primary" disabled={save.isPending || zone === settings.timeZone}>
            {save.isPending ? 'Saving…' : 'Save time zone'}
          </button>
        )}
      </form>
      {save.isSuccess && zone === settings.timeZone && (
        <p role="status">Saved: reports now count days in {zone}.</p>
      )}
      {save.error && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
    </section>
  );
}
