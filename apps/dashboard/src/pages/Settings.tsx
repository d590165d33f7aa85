import type { ResolvedProjectSettings } from '@bindery/contracts';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { useSession } from '../session';
import { BrandSetting } from './settings/BrandSetting';
import { HealthWeightsSetting } from './settings/HealthWeightsSetting';
import { OpenTrackingSetting } from './settings/OpenTrackingSetting';
import { TimeZoneSetting } from './settings/TimeZoneSetting';
import './settings/settings.css';

/** The project's settings that people change from the dashboard; members other than owners and admins read them. */
export function Settings() {
  const { current } = useSession();
  const settings = useProjectGet<ResolvedProjectSettings>('settings', {}, { staleTime: 60_000 });
  const manages = current?.role === 'owner' || current?.role === 'admin';
  return (
    <>
      <PageHeader title="Settings" />
      {!manages && (
        <p className="muted settings-note">
          You can read the project’s settings; its owners and admins change them.
        </p>
      )}
      <DataState query={settings} label="settings">
        {(data) => (
          <div className="stack settings">
            <TimeZoneSetting settings={data} manages={manages} />
            <BrandSetting settings={data} manages={manages} />
            <OpenTrackingSetting settings={data} manages={manages} />
            <HealthWeightsSetting settings={data} manages={manages} />
          </div>
        )}
      </DataState>
    </>
  );
}
