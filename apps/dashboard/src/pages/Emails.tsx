import type { OutboxEmail, OutboxList } from '@bindery/contracts';
import { useProjectPages } from '../api/hooks';
import { PageHeader } from '../components/Layout';
import { PagedList } from '../components/PagedList';
import { choiceParam, useUrlState } from '../components/url-state';
import { OutboxFilters, type OutboxFilterState } from './emails/OutboxFilters';
import { EMAIL_STATUSES } from './emails/outbox';
import { OutboxTable } from './emails/OutboxTable';
import { ReplayFailed } from './emails/ReplayFailed';
import './workflow.css';

/** The email outbox: every training email and CSM alert, where it stands, and why one did not go; filters in the URL. */
export function Emails() {
  const { params, patch } = useUrlState();
  const filters: OutboxFilterState = {
    status: choiceParam(
      params.get('status'),
      EMAIL_STATUSES.map((s) => s.value),
      '',
    ),
    recipient: (params.get('recipient') ?? '').slice(0, 320),
  };
  const setFilters = (next: OutboxFilterState) => patch({ status: next.status, recipient: next.recipient });
  const pages = useProjectPages<OutboxList, OutboxEmail>(
    'emails',
    { status: filters.status, recipient: filters.recipient, limit: 50 },
    (p) => p.emails,
  );
  const filtered = filters.status !== '' || filters.recipient !== '';
  return (
    <>
      <PageHeader title="Emails">
        <ReplayFailed />
      </PageHeader>
      <div className="stack">
        <OutboxFilters state={filters} onChange={setFilters} />
        <PagedList
          pages={pages}
          noun="email"
          minHeight={360}
          empty={
            filtered
              ? 'No emails match these filters (the recipient must be the whole address).'
              : 'No emails yet. Training emails and CSM alerts appear here as rules fire.'
          }
        >
          {(emails) => <OutboxTable emails={emails} />}
        </PagedList>
      </div>
    </>
  );
}
