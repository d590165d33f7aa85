import type { OutboxEmail, OutboxList } from '@bindery/contracts';
import { Link } from 'react-router';
import { useProjectPages } from '../../api/hooks';
import { PagedList } from '../../components/PagedList';
import { type Column, SortableTable } from '../../components/SortableTable';
import { KIND_LABELS } from '../emails/outbox';
import { RelativeTime } from '../../components/RelativeTime';
import { Section } from '../../components/Section';
import { useContentKeyWords } from '../content/use-content-key-words';
import { EmailStatusBadge } from './TaskBadges';

/** Newest first, as the API pages them: no column re-sorts a partial list. A skip reason's funnel step in `words`. */
const columns = (words: (text: string) => string): Column<OutboxEmail>[] => [
  { key: 'when', header: 'When', render: (e) => <RelativeTime iso={e.sentAt ?? e.createdAt} /> },
  {
    key: 'subject',
    header: 'Subject',
    render: (e) =>
      e.subject ? (
        <span className="cell-text">{e.subject}</span>
      ) : (
        <span className="cell-text muted">
          {e.skipReason ? `Not sent: ${words(e.skipReason)}` : 'No subject'}
        </span>
      ),
  },
  { key: 'to', header: 'To', render: (e) => e.recipient },
  { key: 'kind', header: 'Kind', render: (e) => KIND_LABELS[e.kind] },
  { key: 'status', header: 'Status', render: (e) => <EmailStatusBadge email={e} /> },
];

/** The emails sent (or held back) about the account's signals, newest first. */
export function AccountEmails({ accountId }: { accountId: string }) {
  const emails = useProjectPages<OutboxList, OutboxEmail>(
    'emails',
    { accountId, limit: 20 },
    (p) => p.emails,
  );
  const cols = useContentKeyWords(columns);
  return (
    <Section title="Emails" actions={<Link to="/emails">Open the outbox</Link>}>
      <PagedList pages={emails} noun="email" minHeight={120} empty="No email about this account yet.">
        {(items) => (
          <SortableTable
            rows={items}
            columns={cols}
            rowKey={(e) => e.id}
            caption="Emails about the account"
          />
        )}
      </PagedList>
    </Section>
  );
}
