import type { OutboxEmail, OutboxList } from '@bindery/contracts';
import { Link } from 'react-router';
import { useProjectPages } from '../../api/hooks';
import { PagedList } from './PagedList';
import { RelativeTime } from './RelativeTime';
import { Section } from './Section';
import { EmailStatusBadge } from './TaskBadges';

const KIND: Record<OutboxEmail['kind'], string> = {
  training: 'Training',
  csm_alert: 'CSM alert',
  csm_digest: 'CSM digest',
};

/** The emails sent (or held back) about the account's signals, newest first. */
export function AccountEmails({ accountId }: { accountId: string }) {
  const emails = useProjectPages<OutboxList, OutboxEmail>(
    'emails',
    { accountId, limit: 20 },
    (p) => p.emails,
  );
  return (
    <Section title="Emails" actions={<Link to="/emails">Open the outbox</Link>}>
      <PagedList
        pages={emails}
        label="emails"
        empty="No email about this account yet."
        headers={['When', 'Subject', 'To', 'Kind', 'Status']}
        row={(e) => (
          <tr key={e.id}>
            <td>
              <RelativeTime iso={e.sentAt ?? e.createdAt} />
            </td>
            <td>
              {e.subject ? (
                <span className="cell-text">{e.subject}</span>
              ) : (
                <span className="cell-text muted">
                  {e.skipReason ? `Not sent: ${e.skipReason}` : 'No subject'}
                </span>
              )}
            </td>
            <td>{e.recipient}</td>
            <td>{KIND[e.kind]}</td>
            <td>
              <EmailStatusBadge email={e} />
            </td>
          </tr>
        )}
      />
    </Section>
  );
}
