import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { DropoffPage, FunnelQuery } from '@bindery/contracts';
import { useProjectPages } from '../../api/hooks';
import { CsvDownload } from '../../components/CsvDownload';
import { SaveCohort } from '../cohorts/SaveCohort';
import { PagedList } from '../../components/PagedList';
import { formatDateTime, formatInt } from '../../format';
import { accountPath } from '../accounts/account-rows';
import { PersonLink } from '../people/PersonLink';
import { RelativeTime } from '../../components/RelativeTime';
import { dropoffQueryParam } from './funnel-form';
import { subjectNoun } from './funnel-result';
import { DROPOFF_LIST_ID } from './FunnelTable';

export const DROPOFF_PAGE_SIZE = 25;

type Subject = DropoffPage['subjects'][number];

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
        <div className="form-row">
          <CsvDownload report="dropoffs" query={{ query: dropoffQueryParam(query), step }} />
          <SaveCohort
            source={{ type: 'funnel_dropoff', query: dropoffQueryParam(query), step }}
            defaultName={`Stopped at ${event}`}
          />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <p className="muted">
        {formatInt(total)} {subjectNoun(query.aggregateBy, total)} reached “{event}” and did not go on to “
        {nextEvent}” within the window.
      </p>
      <PagedList
        pages={pages}
        noun={subjectNoun(query.aggregateBy, 1)}
        plural={noun}
        total={total}
        minHeight={240}
        empty="Nobody stopped here in this range."
      >
        {(subjects) => (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">
                {noun} who stopped at step {step}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{accounts ? 'Account' : 'Person'}</th>
                  {!accounts && <th scope="col">Account</th>}
                  <th scope="col">Reached “{event}”</th>
                  <th scope="col">Last event</th>
                  <th scope="col">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {subjects.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      {accounts ? <Link to={accountPath(s.id)}>{s.id}</Link> : <PersonLink id={s.id} />}
                    </th>
                    {!accounts && (
                      <td>{s.accountId ? <Link to={accountPath(s.accountId)}>{s.accountId}</Link> : '—'}</td>
                    )}
                    <td>{formatDateTime(s.reachedStepAt)}</td>
                    <td>{s.lastEvent?.event ?? <span className="muted">none</span>}</td>
                    <td>{s.lastEvent ? <RelativeTime iso={s.lastEvent.timestamp} /> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedList>
    </section>
  );
}
