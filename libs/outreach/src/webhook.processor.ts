import { createHmac } from 'node:crypto';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { ProjectSettingsRepository, TaskRepository } from '@bindery/db';
import { type JobPayloads, QUEUES } from '@bindery/queue';
import { withDefaultSettings } from '@bindery/rules';

const TIMEOUT_MS = 5_000;

/** `X-Bindery-Signature`: HMAC-SHA256 of `<timestamp>.<body>` with the project's webhook secret, in hex. */
export const webhookSignature = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** Posts new tasks to the project's webhook as signed JSON with a Slack-compatible `text`. */
@Processor(QUEUES.webhooks, { concurrency: 4 })
export class WebhookProcessor extends WorkerHost {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    private readonly settings: ProjectSettingsRepository,
    private readonly tasks: TaskRepository,
  ) {
    super();
  }

  async process(job: Job<JobPayloads['send-webhook']>): Promise<number> {
    if (job.name !== 'send-webhook') throw new UnrecoverableError(`no handler for job ${job.name}`);
    const { projectId, taskId, event } = job.data;
    const { webhook } = withDefaultSettings(await this.settings.get(projectId));
    const task = await this.tasks.findById(projectId, taskId);
    if (!webhook || !task) return 0;
    const body = JSON.stringify({
      event,
      text: `[${task.priority}] ${task.title}${task.assignee ? ` (${task.assignee})` : ''}`,
      task: {
        id: task.id,
        accountId: task.account_id,
        title: task.title,
        body: task.body,
        priority: task.priority,
        assignee: task.assignee,
        dueAt: task.due_at.toISOString(),
      },
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-bindery-timestamp': timestamp,
        'x-bindery-signature': webhookSignature(webhook.secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // A 4xx other than 408/429 will not get better by retrying.
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
      throw new UnrecoverableError(`webhook answered ${res.status}`);
    }
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    return res.status;
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      { jobId: job?.id, attempt: job?.attemptsMade, err: error },
      `${job?.name ?? 'job'} failed`,
    );
  }
}
