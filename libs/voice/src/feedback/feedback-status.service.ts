import { Injectable } from '@nestjs/common';
import { Conflict, type FeedbackPatch, type FeedbackRequest, NotFound } from '@bindery/contracts';
import { AuditRepository, FeedbackRepository } from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { FeedbackService } from './feedback.service';

/** Retries of the job that writes the shipped emails, backing off from 2 s. */
const SHIPPED_JOB = { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } } as const;

/** The team's decisions on a request: its status and public note, and the email to its voters on shipping. */
@Injectable()
export class FeedbackStatusService {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly requests: FeedbackRepository,
    private readonly audit: AuditRepository,
    private readonly producer: JobProducer,
  ) {}

  /**
   * Sets the status and public note. Shipping a request queues the email to its voters; the job and the
   * emails have fixed ids, so shipping it again (or a retried job) sends nothing twice.
   */
  async update(
    projectId: string,
    requestId: string,
    patch: FeedbackPatch,
    actor: string,
  ): Promise<FeedbackRequest> {
    const current = await this.feedback.find(projectId, requestId);
    if (current.merged_into !== null) {
      throw Conflict(`Request ${requestId} was merged into ${current.merged_into}: change that one`);
    }
    const changed = await this.requests.update(projectId, requestId, {
      status: patch.status ?? current.status,
      publicNote: patch.publicNote === undefined ? current.public_note : patch.publicNote,
    });
    if (!changed) throw NotFound(`Feedback request ${requestId} not found`);
    if (changed.status === 'shipped') {
      await this.producer.enqueue(
        'feedback-shipped',
        { projectId, requestId },
        { jobId: `feedback-shipped-${requestId}`, ...SHIPPED_JOB },
      );
    }
    await this.audit.record({
      projectId,
      actor,
      action: 'feedback.updated',
      details: { requestId, status: changed.status },
    });
    return this.feedback.get(projectId, requestId);
  }
}
