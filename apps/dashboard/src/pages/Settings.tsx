import type { ResolvedProjectSettings } from '@bindery/contracts';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { useSession } from '../session';
import { TimeZoneSetting } from './settings/TimeZoneSetting';

/** The project's settings that people change from the dashboard. */
export function Settings() {
  const { current } = useSession();
  const settings = useProjectGet<ResolvedProjectSettings>('settings', {}, { staleTime: 60_000 });
  const manages = current?.role === 'owner' || current?.role === 'admin';
  return (
    <>
      <PageHeader title="Settings" />
      <DataState query={settings} label="settings">
        {(data) => (
          <div className="stack">
            <TimeZoneSetting settings={data} manages={manages} />
          </div>
        )}
      </DataState>
    </>
  );
}
