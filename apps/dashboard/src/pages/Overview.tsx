import type { TaskList } from '@bindery/contracts';
import { useMemo } from 'react';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { useAtRiskBelow } from '../components/at-risk-line';
import { PageHeader } from '../components/Layout';
import { toAccountRow } from './accounts/account-rows';
import { useAccountOverview } from './accounts/data';
import { Section } from '../components/Section';
import { ActivityChart } from './overview/ActivityChart';
import { ActivityTiles } from './overview/ActivityTiles';
import { AtRiskList, SHOWN_AT_RISK } from './overview/AtRiskList';
import { NewestTasks } from './overview/NewestTasks';
import { GoalsCard } from './outcomes/GoalsCard';
import './accounts.css';

/** The newest open tasks the overview lists. */
const NEWEST = 5;
const NEWEST_QUERY = { status: 'open,in_progress', sort: 'created', limit: NEWEST };

/**
 * The project at a glance: who is active, the activity trend, the accounts at risk and the newest tasks. The
 * server sums the accounts up: the page loads a few rows, whatever the number of accounts.
 */
export function Overview() {
  const overview = useAccountOverview(SHOWN_AT_RISK);
  const tasks = useProjectGet<TaskList>('tasks', NEWEST_QUERY);
  const atRiskBelow = useAtRiskBelow();
  const atRisk = useMemo(() => overview.data?.atRisk.map(toAccountRow) ?? [], [overview.data]);

  return (
    <>
      <PageHeader title="Overview" />
      <div className="stack">
        <ActivityTiles />
        <ActivityChart />
        <div className="grid">
          <Section
            title="At risk"
            actions={<span className="muted">health below {atRiskBelow}, lowest first</span>}
          >
            <DataState query={overview} label="accounts at risk" minHeight={240}>
              {(data) => <AtRiskList rows={atRisk} count={data.health.atRisk} />}
            </DataState>
          </Section>
          <Section title="Newest tasks">
            <DataState query={tasks} label="tasks" minHeight={240}>
              {(data) => <NewestTasks tasks={data.tasks} />}
            </DataState>
          </Section>
        </div>
        <GoalsCard />
      </div>
    </>
  );
}
