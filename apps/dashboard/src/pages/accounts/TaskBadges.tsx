import type { OutboxEmail, Task } from '@bindery/contracts';

const PRIORITY_TONE: Record<Task['priority'], string> = { P1: 'danger', P2: 'warn', P3: 'info', P4: '' };
const STATUS: Record<Task['status'], { label: string; tone: string }> = {
  open: { label: 'Open', tone: 'info' },
  in_progress: { label: 'In progress', tone: 'warn' },
  snoozed: { label: 'Snoozed', tone: '' },
  done: { label: 'Done', tone: 'ok' },
  dismissed: { label: 'Dismissed', tone: '' },
};
const EMAIL_TONE: Record<OutboxEmail['status'], string> = {
  pending: 'info',
  sending: 'info',
  sent: 'ok',
  failed: 'danger',
  skipped: '',
};

export function PriorityBadge({ priority }: { priority: Task['priority'] }) {
  return (
    <span className={`badge ${PRIORITY_TONE[priority]}`} title={`Priority ${priority} (P1 most urgent)`}>
      {priority}
    </span>
  );
}

export function TaskStatusBadge({ status }: { status: Task['status'] }) {
  return <span className={`badge ${STATUS[status].tone}`}>{STATUS[status].label}</span>;
}

/** An email's state; a skipped one says why on hover. */
export function EmailStatusBadge({
  email,
}: {
  email: Pick<OutboxEmail, 'status' | 'skipReason' | 'lastError'>;
}) {
  return (
    <span
      className={`badge ${EMAIL_TONE[email.status]}`}
      title={email.skipReason ?? email.lastError ?? undefined}
    >
      {email.status}
    </span>
  );
}
