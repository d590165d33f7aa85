import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import type { StoredEvent } from '@bindery/contracts';
import { accountPath } from '../accounts/account-rows';
import { PersonLink } from '../people/PersonLink';
import { eventActor, formatEventTime } from './event-format';

const COLUMNS = ['', 'Time (UTC)', 'Event', 'Type', 'User', 'Account', 'Library'];

/** The events, newest first; each row opens to the event's full JSON as the API returns it. */
export function EventTable({ events }: { events: StoredEvent[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((ids) => {
      const next = new Set(ids);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="table-scroll">
      <table className="event-table">
        <caption className="visually-hidden">Newest events</caption>
        <thead>
          <tr>
            {COLUMNS.map((c, i) => (
              <th key={i} scope="col">
                {c || <span className="visually-hidden">Details</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const expanded = open.has(e.id);
            const actor = eventActor(e);
            const detailId = `event-${e.id}`;
            return (
              <Fragment key={e.id}>
                <tr className={expanded ? 'expanded' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="event-disclosure"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailId : undefined}
                      aria-label={`Details of ${e.event} at ${formatEventTime(e.timestamp)}`}
                      onClick={() => toggle(e.id)}
                    >
                      <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
                    </button>
                  </td>
                  <td>
                    <time dateTime={e.timestamp}>{formatEventTime(e.timestamp)}</time>
                  </td>
                  <td>
                    <strong>{e.event}</strong>
                  </td>
                  <td>{e.type}</td>
                  <td>
                    {actor ? (
                      <>
                        <PersonLink id={actor.id} />
                        {actor.anonymous && <span className="muted"> (anonymous)</span>}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{e.accountId ? <Link to={accountPath(e.accountId)}>{e.accountId}</Link> : '—'}</td>
                  <td className="muted">
                    {e.library.name} {e.library.version}
                  </td>
                </tr>
                {expanded && (
                  <tr className="event-detail" id={detailId}>
                    <td colSpan={COLUMNS.length}>
                      <pre>{JSON.stringify(e, null, 2)}</pre>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
