import { useId, useState } from 'react';
import type { ProjectSettings, ResolvedProjectSettings } from '@bindery/contracts';
import { useProjectUpdate } from '../../api/hooks';
import { Notice } from '../../components/Notice';

/**
 * Whether training emails carry a tracking image that counts opens: a switch that saves at once (owners and
 * admins), with what opens can and cannot tell.
 */
export function OpenTrackingSetting({
  settings,
  manages,
}: {
  settings: ResolvedProjectSettings;
  manages: boolean;
}) {
  const headingId = useId();
  const helpId = useId();
  const [on, setOn] = useState(settings.openTracking);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useProjectUpdate<ProjectSettings>('settings');

  function toggle(next: boolean) {
    setOn(next);
    setSaved(null);
    save.mutate(() => ({ openTracking: next }), {
      onSuccess: (result) => {
        setOn(result.openTracking ?? false);
        setSaved(
          result.openTracking
            ? 'Saved: training emails written from now on carry the tracking image.'
            : 'Saved: training emails written from now on carry no tracking image.',
        );
      },
      onError: () => setOn(!next),
    });
  }

  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>Open tracking</h2>
      <label className="inline">
        <input
          type="checkbox"
          checked={on}
          disabled={!manages || save.isPending}
          aria-describedby={helpId}
          onChange={(e) => toggle(e.target.checked)}
        />
        Count opens with a tracking image in training emails
      </label>
      <p id={helpId} className="help">
        Opens are unreliable: mail clients that block images never count one, and image proxies (Apple Mail,
        Gmail) count emails nobody read; clicks and conversions tell more.
      </p>
      {save.error && (
        <p role="alert" className="error form-error">
          {save.error.message}
        </p>
      )}
      <Notice text={saved} />
    </section>
  );
}
