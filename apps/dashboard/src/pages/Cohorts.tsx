import type { Cohort, CohortDetail, CohortList } from '@bindery/contracts';
import { useProjectGet, useProjectPages } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { PagedList } from '../components/PagedList';
import { useUrlState } from '../components/url-state';
import { formatDateTime, formatInt } from '../format';
import { accountPath } from './accounts/account-rows';
import { CohortEmails } from './cohorts/CohortEmails';
import { CohortTasks } from './cohorts/CohortTasks';
import { describeSource } from './cohorts/cohort-source';
import { PersonLink } from './people/PersonLink';
import { Link } from 'react-router';
import './cohorts/cohorts.css';

const MEMBERS_PAGE_SIZE = 50;

/** Saved cohorts; the chosen one (in the URL) with its members and what to do with them. */
export function Cohorts() {
  const cohorts = useProjectGet<CohortList>('cohorts');
  const { params, patch } = useUrlState();
  const chosenId = params.get('cohort');
  const chosen = cohorts.data?.cohorts.find((c) => c.id === chosenId);

  return (
    <>
      <PageHeader title="Cohorts" />
      <div className="stack">
        <DataState
          query={cohorts}
          label="cohorts"
          minHeight={160}
          isEmpty={(d) => d.cohorts.length === 0}
          empty="No cohorts yet. Save one from a funnel’s drop-off list, the accounts list or a feature’s abandoners."
        >
          {(data) => (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">Cohorts</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Of</th>
                    <th scope="col">Members</th>
                    <th scope="col">From</th>
                    <th scope="col">Saved</th>
                  </tr>
                </thead>
                <tbody>
                  {data.cohorts.map((c) => (
                    <tr key={c.id} aria-current={c.id === chosenId ? 'true' : undefined}>
                      <th scope="row">
                        <button type="button" className="link" onClick={() => patch({ cohort: c.id })}>
                          {c.name}
                        </button>
                      </th>
                      <td>{c.kind}</td>
                      <td>{c.size === null ? 'dynamic' : formatInt(c.size)}</td>
                      <td>{describeSource(c.definition)}</td>
                      <td>
                        {formatDateTime(c.createdAt)} by {c.createdBy}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
        {chosen && <CohortView key={chosen.id} cohort={chosen} />}
      </div>
    </>
  );
}

function CohortView({ cohort }: { cohort: Cohort }) {
  const pages = useProjectPages<CohortDetail, string>(
    `cohorts/${cohort.id}`,
    { limit: MEMBERS_PAGE_SIZE },
    (page) => page.members,
  );
  const total = pages.data?.pages[0]?.total;
  const noun = cohort.kind === 'accounts' ? 'account' : 'person';
  return (
    <section className="card stack" aria-labelledby="cohort-heading">
      <h2 id="cohort-heading">{cohort.name}</h2>
      <p className="muted">
        {cohort.type === 'dynamic'
          ? 'Dynamic: its members are found again each time it is read.'
          : 'Static: the members it was saved with.'}{' '}
        {describeSource(cohort.definition)}.
      </p>
      <div className="cohort-actions">
        <CohortTasks cohort={cohort} />
        {cohort.kind === 'people' && <CohortEmails cohort={cohort} />}
      </div>
      <h3>Members</h3>
      <PagedList
        pages={pages}
        noun={noun}
        plural={cohort.kind === 'accounts' ? 'accounts' : 'people'}
        total={total}
        minHeight={120}
        empty="Nobody is in this cohort now."
      >
        {(members) => (
          <ul className="cohort-members" aria-label="Members">
            {members.map((id) => (
              <li key={id}>
                {cohort.kind === 'accounts' ? <Link to={accountPath(id)}>{id}</Link> : <PersonLink id={id} />}
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </section>
  );
}
