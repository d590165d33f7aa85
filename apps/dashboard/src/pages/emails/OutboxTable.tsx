import type { OutboxEmail } from '@bindery/contracts';
import { type Column, SortableTable } from '../../components/SortableTable';
import { formatInt } from '../../format';
import { EmailStatusBadge } from '../accounts/TaskBadges';
import { useContentKeyWords } from '../content/use-content-key-words';
import { emailProblem, formatOutboxTime, KIND_LABELS } from './outbox';

/**
 * The API's order (newest first) is the order that matters across pages: no column re-sorts a partial list. A skip
 * reason names a funnel step by `words`.
 */
const columns = (words: (text: string) => string): Column<OutboxEmail>[] => [
  {
    key: 'created',
    header: 'Created (UTC)',
    render: (e) => <time dateTime={e.createdAt}>{formatOutboxTime(e.createdAt)}</time>,
  },
  { key: 'kind', header: 'Kind', render: (e) => KIND_LABELS[e.kind] },
  { key: 'recipient', header: 'Recipient', render: (e) => e.recipient },
  {
    key: 'subject',
    header: 'Subject',
    render: (e) =>
      e.subject ? <span className="outbox-text">{e.subject}</span> : <span className="muted">—</span>,
  },
  {
    key: 'status',
    header: 'Status',
    render: (e) => <EmailStatusBadge email={e} />,
  },
  { key: 'attempts', header: 'Attempts', align: 'right', render: (e) => formatInt(e.attempts) },
  {
    key: 'problem',
    header: 'Error or skip reason',
    render: (e) => {
      const problem = emailProblem(e);
      return problem ? (
        <span className={`outbox-text ${e.lastError ? 'error' : 'muted'}`}>{words(problem)}</span>
      ) : (
        <span className="muted">—</span>
      );
    },
  },
  {
    key: 'sent',
    header: 'Sent (UTC)',
    render: (e) => (e.sentAt ? <time dateTime={e.sentAt}>{formatOutboxTime(e.sentAt)}</time> : '—'),
  },
];

/** The outbox rows as a table, one email a row. */
export function OutboxTable({ emails }: { emails: OutboxEmail[] }) {
  const cols = useContentKeyWords(columns);
  return <SortableTable rows={emails} columns={cols} rowKey={(e) => e.id} caption="Email outbox" />;
}
