import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { DropoffPage, FunnelQuery } from '@bindery/contracts';
import { useProjectPages } from '../../api/hooks';
import { ErrorState } from '../../components/DataState';
import { formatDateTime, formatInt, formatRelative } from '../../format';
import { dropoffQueryParam } from './funnel-form';
import { subjectNoun } from './funnel-result';
import { DROPOFF_LIST_ID } from './FunnelTable';

export const DROPOFF_PAGE_SIZE = 25;

type Subject = DropoffPage['subjects'][number];

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

/** Who stopped at a step (their furthest step), newest page last, with "Load more". */
export function DropoffList({
  query,
  step,
  event,
  nextEvent,
  total,
  onClose,
}: {
  query: FunnelQuery;
  step: number;
  event: string;
  nextEvent: string;
  total: number;
  onClose: () => void;
}) {
  const pages = useProjectPages<DropoffPage, Subject>(
    'funnels/dropoffs',
    { query: dropoffQueryParam(query), step, limit: DROPOFF_PAGE_SIZE },
    (page) => page.subjects,
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  const accounts = query.aggregateBy === 'account';
  const noun = subjectNoun(query.aggregateBy);
  return (
    <section id={DROPOFF_LIST_ID} className="card stack dropoffs" aria-labelledby="dropoff-heading">
      <div className="report-head">
        <h2 id="dropoff-heading" ref={heading} tabIndex={-1}>
          Stopped at step {step}: {event}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        {formatInt(total)} {subjectNoun(query.aggregateBy, total)} reached “{event}” and did not go on to “
        {nextEvent}” within the window.
      </p>
      {pages.isPending ? (
        <div className="skeleton" style={{ height: 240 }} role="status" aria-label={`Loading the ${noun}`} />
      ) : pages.isError && pages.items.length === 0 ? (
        <ErrorState error={pages.error} retry={() => void pages.refetch()} minHeight={240} />
      ) : pages.items.length === 0 ? (
        <div className="state state-empty" style={{ minHeight: 120 }}>
          Nobody stopped here in this range.
        </div>
      ) : (
        <>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">
                {noun} who stopped at step {step}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{accounts ? 'Account' : 'Person'}</th>
                  <th scope="col">Reached “{event}”</th>
                  <th scope="col">Last event</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {pages.items.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {accounts ? <Link to={`/accounts/${encodeURIComponent(s.id)}`}>{s.id}</Link> : s.id}
                    </th>
                    <td>{formatDateTime(s.reachedStepAt)}</td>
                    <td>{s.lastEvent?.event ?? <span className="muted">none</span>}</td>
                    <td>{s.lastEvent ? <When iso={s.lastEvent.timestamp} /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="dropoff-more">
            <span className="muted" role="status">
              Showing {formatInt(pages.items.length)} of {formatInt(total)}
            </span>
            {pages.isError && <span className="error">{pages.error.message}</span>}
            {pages.hasNextPage && (
              <button
                type="button"
                onClick={() => void pages.fetchNextPage()}
                disabled={pages.isFetchingNextPage}
              >
                {pages.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
