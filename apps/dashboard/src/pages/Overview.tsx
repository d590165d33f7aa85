import { useMemo } from 'react';
import { DataState } from '../components/DataState';
import { useAtRiskBelow } from '../components/at-risk-line';
import { PageHeader } from '../components/Layout';
import { countByAccount, textTrait, toAccountRow } from './accounts/account-rows';
import { useAllAccounts, useOpenTasks } from './accounts/data';
import { Section } from '../components/Section';
import { ActivityChart } from './overview/ActivityChart';
import { ActivityTiles } from './overview/ActivityTiles';
import { AtRiskList } from './overview/AtRiskList';
import { NewestTasks } from './overview/NewestTasks';
import { atRiskAccounts, newestTasks } from './overview/overview-stats';
import './accounts.css';

const NEWEST = 5;

/** The project at a glance: who is active, the activity trend, the accounts at risk and the newest tasks. */
export function Overview() {
  const accounts = useAllAccounts();
  const tasks = useOpenTasks();
  const atRiskBelow = useAtRiskBelow();
  const atRisk = useMemo(() => {
    const counts = tasks.data ? countByAccount(tasks.data.items) : null;
    return atRiskAccounts(
      (accounts.data?.items ?? []).map((a) => toAccountRow(a, counts)),
      atRiskBelow,
    );
  }, [accounts.data, tasks.data, atRiskBelow]);
  const names = useMemo(
    () => new Map((accounts.data?.items ?? []).map((a) => [a.id, textTrait(a.traits, 'name') ?? a.id])),
    [accounts.data],
  );

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
            <DataState query={accounts} label="accounts at risk" minHeight={240}>
              {() => <AtRiskList rows={atRisk} />}
            </DataState>
          </Section>
          <Section title="Newest tasks">
            <DataState query={tasks} label="tasks" minHeight={240}>
              {(data) => <NewestTasks tasks={newestTasks(data.items, NEWEST)} names={names} />}
            </DataState>
          </Section>
        </div>
      </div>
    </>
  );
}
