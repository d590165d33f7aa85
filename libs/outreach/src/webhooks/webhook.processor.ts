import { createHmac } from 'node:crypto';
import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { ProjectSettingsRepository, TaskRepository } from '@bindery/db';
import { type JobHandlers, type JobPayloads, JobProcessor, QUEUES } from '@bindery/queue';
import { withDefaultSettings } from '@bindery/rules';
import { OutboundPolicy, OutboundRefused, outboundRequest } from '@bindery/server';
import { slackField } from './slack-text';

const TIMEOUT_MS = 5_000;

/** `X-Bindery-Signature`: HMAC-SHA256 of `<timestamp>.<body>` with the project's webhook secret, in hex. */
export const webhookSignature = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * Posts new tasks to the project's webhook as signed JSON with a Slack-compatible `text` (its fields escaped
 * for Slack), through the outbound guard: public addresses only (or OUTBOUND_ALLOW_HOSTS), checked when
 * connecting, redirects not followed.
 */
@Processor(QUEUES.webhooks, { concurrency: 4 })
export class WebhookProcessor extends JobProcessor<'webhooks'> {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    private readonly settings: ProjectSettingsRepository,
    private readonly tasks: TaskRepository,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {
    super();
  }

  readonly handlers: JobHandlers<'webhooks'> = { 'send-webhook': (job) => this.post(job.data) };

  private async post({ projectId, taskId, event }: JobPayloads['send-webhook']): Promise<number> {
    const { webhook } = withDefaultSettings(await this.settings.get(projectId));
    const task = await this.tasks.findById(projectId, taskId);
    if (!webhook || !task) return 0;
    const assignee = task.assignee ? ` (${slackField(task.assignee, 254)})` : '';
    const body = JSON.stringify({
      event,
      text: `[${task.priority}] ${slackField(task.title)}${assignee}`,
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
    let status: number;
    try {
      ({ status } = await outboundRequest(OutboundPolicy.of(this.config.outbound), webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-bindery-timestamp': timestamp,
          'x-bindery-signature': webhookSignature(webhook.secret, timestamp, body),
        },
        body,
        timeoutMs: TIMEOUT_MS,
      }));
    } catch (error) {
      // A refused address or a redirect will not change by retrying; a timeout or a lost connection may.
      if (error instanceof OutboundRefused) throw new UnrecoverableError(`webhook refused: ${error.message}`);
      throw error;
    }
    // A 4xx other than 408/429 will not get better by retrying.
    if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
      throw new UnrecoverableError(`webhook answered ${status}`);
    }
    if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
    return status;
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      { jobId: job?.id, attempt: job?.attemptsMade, err: error },
      `${job?.name ?? 'job'} failed`,
    );
  }
}
