import type { ActivityResult, EventDefinitionList } from '@bindery/contracts';
import { type ReactNode, useId } from 'react';
import { useProjectGet, useProjectReport } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { rangeOf } from '../../components/RangeSelect';
import { formatInt } from '../../format';
import { useAccountOverview } from '../accounts/data';
import { RelativeTime } from '../../components/RelativeTime';
import { SHOWN_AT_RISK } from './AtRiskList';
import { eventTotals } from './overview-stats';

/** The project today: active users and accounts (today, 7 and 30 days), and the events of today and all time. */
export function ActivityTiles() {
  // The series' one day is today: its DAU, WAU and MAU are the users active today, in 7 and in 30 days.
  const today = useProjectReport<ActivityResult>('activity/query', rangeOf(1));
  // The overview's own request (the same key): the tiles and the at-risk list share one answer.
  const overview = useAccountOverview(SHOWN_AT_RISK);
  const events = useProjectGet<EventDefinitionList>('event-definitions');
  return (
    <div className="tiles overview-tiles">
      <Tile title="Active users">
        <DataState query={today} label="active users" minHeight={62}>
          {(data) => {
            const day = data.series.at(-1);
            return (
              <Stats
                stats={[
                  ['Today', formatInt(day?.dau ?? 0)],
                  ['7 days', formatInt(day?.wau ?? 0)],
                  ['30 days', formatInt(day?.mau ?? 0)],
                ]}
              />
            );
          }}
        </DataState>
      </Tile>
      <Tile title="Active accounts">
        <DataState query={overview} label="active accounts" minHeight={62}>
          {({ accounts }) => (
            <Stats
              stats={[
                ['Today', formatInt(accounts.activeToday)],
                ['7 days', formatInt(accounts.active7d)],
                ['30 days', formatInt(accounts.active30d)],
              ]}
              note={`of ${formatInt(accounts.total)} accounts`}
            />
          )}
        </DataState>
      </Tile>
      <Tile title="Events">
        <DataState query={events} label="events" minHeight={62}>
          {(definitions) => {
            const totals = eventTotals(definitions);
            return (
              <Stats
                stats={[
                  ['Today', today.data ? formatInt(today.data.series.at(-1)?.events ?? 0) : '…'],
                  ['All time', formatInt(totals.total)],
                ]}
                note={
                  <>
                    {formatInt(definitions.definitions.length)} event names · latest{' '}
                    <RelativeTime iso={totals.lastSeen} empty="none yet" />
                  </>
                }
              />
            );
          }}
        </DataState>
      </Tile>
    </div>
  );
}

function Tile({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="tile" aria-labelledby={id}>
      <h2 id={id} className="label">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Stats({ stats, note }: { stats: [string, string][]; note?: ReactNode }) {
  return (
    <>
      <dl className="tile-stats">
        {stats.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd className="value">{value}</dd>
          </div>
        ))}
      </dl>
      {note && <p className="muted tile-note">{note}</p>}
    </>
  );
}
