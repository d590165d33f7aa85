import type { OutboxEmail, Task } from '@bindery/contracts';
import { statusTone } from '../emails/outbox';
import { STATUS_LABELS } from '../tasks/task-filters';

const PRIORITY_TONE: Record<Task['priority'], string> = { P1: 'danger', P2: 'warn', P3: 'info', P4: '' };
const STATUS_TONE: Record<Task['status'], string> = {
  open: 'info',
  in_progress: 'warn',
  snoozed: '',
  done: 'ok',
  dismissed: '',
};

export function PriorityBadge({ priority }: { priority: Task['priority'] }) {
  return (
    <span className={`badge ${PRIORITY_TONE[priority]}`} title={`Priority ${priority} (P1 most urgent)`}>
      {priority}
    </span>
  );
}

export function TaskStatusBadge({ status }: { status: Task['status'] }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{STATUS_LABELS[status]}</span>;
}

/** An email's state; a skipped one says why on hover. */
export function EmailStatusBadge({
  email,
}: {
  email: Pick<OutboxEmail, 'status' | 'skipReason' | 'lastError'>;
}) {
  return (
    <span
      className={`badge ${statusTone(email.status)}`}
      title={email.skipReason ?? email.lastError ?? undefined}
    >
      {email.status}
    </span>
  );
}
