import type { OutboxEmail } from '@bindery/contracts';

export type EmailStatus = OutboxEmail['status'];

export const EMAIL_STATUSES: { value: EmailStatus | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'pending', label: 'Pending' },
  { value: 'sending', label: 'Sending' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
  { value: 'skipped', label: 'Skipped' },
];

const TONE: Record<EmailStatus, string> = {
  pending: 'info',
  sending: 'info',
  sent: 'ok',
  failed: 'danger',
  skipped: 'warn',
};

/** The badge class of an email's status. */
export const statusTone = (status: EmailStatus) => TONE[status];

export const KIND_LABELS: Record<OutboxEmail['kind'], string> = {
  training: 'Training',
  csm_alert: 'CSM alert',
  csm_digest: 'CSM digest',
  feedback_shipped: 'Feedback shipped',
  goal_report: 'Goals report',
};

/** Why an email is not (yet) sent: the last send error, else the reason it was skipped. */
export function emailProblem(email: Pick<OutboxEmail, 'lastError' | 'skipReason'>): string | null {
  return email.lastError ?? email.skipReason;
}

/** The replay's answer in words. */
export function replayMessage(replayed: number): string {
  if (replayed === 0) return 'No failed emails to send again.';
  return replayed === 1
    ? '1 failed email is queued to be sent again.'
    : `${replayed} failed emails are queued to be sent again.`;
}

const shortTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** A time in the outbox's columns, UTC (the column header says so): "23 Nov 14:10". */
export const formatOutboxTime = (iso: string | null) =>
  iso ? shortTime.format(new Date(iso)).replace(',', '') : '—';
