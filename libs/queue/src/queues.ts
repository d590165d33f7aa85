import { type ConnectionOptions, type Job } from 'bullmq';
import { type SignalJob, type SignalsJob } from '@bindery/contracts';

/** Every queue, named once. */
export const QUEUES = {
  rules: 'rules',
  signals: 'signals',
  emails: 'emails',
  webhooks: 'webhooks',
  digests: 'digests',
  people: 'people',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * New signals per `signals` job: a run that detects thousands queues a few hundred jobs, each handled with its
 * signals side by side (see SignalsProcessor).
 */
export const SIGNALS_PER_JOB = 25;

/** Outbox rows per `send-emails` job, sent side by side (see EmailSenderProcessor). */
export const EMAILS_PER_SEND_JOB = 25;

/** Every job's payload, by job name. */
export interface JobPayloads {
  /** Evaluate a project's enabled rules; `runId` names the run a manual trigger created. */
  /** asOf: epoch ms of a back-dated evaluation (POST …/rules/run?asOf=); now when absent. */
  'evaluate-rules': { projectId: string; runId?: string; asOf?: number };
  /** Carry out the rule actions of new signals (the notifier), at most {@link SIGNALS_PER_JOB} a job. */
  signals: SignalsJob;
  /** Carry out one signal's rule actions: a job queued by a version before `signals` jobs. */
  signal: SignalJob;
  /** Close or annotate the tasks of signals whose condition cleared (the notifier). */
  'signals-resolved': { projectId: string; signalIds: string[] };
  /** Send outbox rows, at most {@link EMAILS_PER_SEND_JOB}; the job is named by its rows. */
  'send-emails': { outboxIds: string[] };
  /** Send one outbox row: a replay, the retry of a row its batch could not send, a goal report. */
  'send-email': { outboxId: string };
  /** Write and queue the "you asked, we built it" email to each voter of a shipped feedback request. */
  'feedback-shipped': { projectId: string; requestId: string };
  /** Post a task event to the project's webhook. */
  'send-webhook': { projectId: string; taskId: string; event: 'task.created' };
  /** Email each CSM of the project their new and overdue tasks. */
  'csm-digest': { projectId: string };
  /** Snapshot the project's retention goals for each ended period, then email its owners the newest report. */
  'goal-report': { projectId: string };
  /** Delete one person's data, as its `person_deletions` row says; the row's id is the job id. */
  'delete-person': { deletionId: string };
  /**
   * Re-date a project's stored rows for its retention as it stands: queued, delayed, by a change of the setting,
   * for the events ingest stamped with the previous one meanwhile.
   */
  'redate-events': { projectId: string };
}
export type JobName = keyof JobPayloads;

/** The queue of each job: the compiler makes every job name a queue and a payload type. */
export const JOB_QUEUE = {
  'evaluate-rules': QUEUES.rules,
  signals: QUEUES.signals,
  signal: QUEUES.signals,
  'signals-resolved': QUEUES.signals,
  'send-emails': QUEUES.emails,
  'send-email': QUEUES.emails,
  'feedback-shipped': QUEUES.emails,
  'send-webhook': QUEUES.webhooks,
  'csm-digest': QUEUES.digests,
  'goal-report': QUEUES.digests,
  'delete-person': QUEUES.people,
  'redate-events': QUEUES.people,
} as const satisfies Record<JobName, QueueName>;

/** The names of the jobs a queue carries. */
export type JobsOf<Q extends QueueName> = {
  [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never;
}[JobName];

/** A job of one name, its payload typed. */
export type JobOf<N extends JobName> = Job<JobPayloads[N], unknown, N>;

/** BullMQ connection options for a redis:// or rediss:// URL (BullMQ opens its own connections). */
export function bullConnection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
