import { Inject, Injectable, Logger } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { parseEmailAddress } from '@bindery/contracts';
import { GoalRepository, MembershipRepository, OutboxRepository, ProjectRepository } from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { SEND_EMAIL_JOB } from '../emails/email.service';
import { GoalMetrics } from './goal-metrics.service';
import { periodsDue } from './goal-periods';
import { goalReportEmail } from './goal-report-email';

/** Namespace of the goals reports' outbox ids: one per project, period end and owner. */
const GOAL_REPORT_NAMESPACE = 'b7c1f0a4-5d2e-4c8b-9a61-3e0f2d4c7a15';

/**
 * Snapshots a project's goals as their periods end and tells its owners how they went. Both halves are
 * idempotent: a snapshot is written once per goal and period, and the report once per period end and owner
 * (a deterministic outbox id), so the job may run as often as it likes and catches up after a pause.
 */
@Injectable()
export class GoalReportService {
  private readonly logger = new Logger(GoalReportService.name);

  constructor(
    private readonly goals: GoalRepository,
    private readonly metrics: GoalMetrics,
    private readonly members: MembershipRepository,
    private readonly projects: ProjectRepository,
    private readonly outbox: OutboxRepository,
    private readonly producer: JobProducer,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  /** Snapshots, then the report of the newest period end. Returns the report emails this call wrote. */
  async run(projectId: string, now: number): Promise<number> {
    await this.snapshot(projectId, now);
    return this.report(projectId, now);
  }

  /** Writes a snapshot of each goal for each of its ended periods not snapshotted yet; returns how many. */
  async snapshot(projectId: string, now: number): Promise<number> {
    const goals = await this.goals.listByProject(projectId);
    const newest = await this.goals.latestSnapshots(
      goals.map((g) => g.id),
      1,
    );
    let written = 0;
    for (const goal of goals) {
      const last = newest.get(goal.id)?.[0]?.period_start.getTime();
      for (const period of periodsDue(goal.created_at.getTime(), now, goal.cadence, last)) {
        const value = await this.metrics.value(projectId, goal, period);
        const onTrack =
          value !== null && (goal.direction === 'at_least' ? value >= goal.target : value <= goal.target);
        const added = await this.goals.addSnapshot(
          {
            goalId: goal.id,
            periodStart: new Date(period.start),
            periodEnd: new Date(period.end),
            value,
            target: goal.target,
            onTrack,
          },
          new Date(now),
        );
        if (added) written++;
      }
    }
    if (written > 0) this.logger.log({ projectId, snapshots: written }, 'goals snapshotted');
    return written;
  }

  /**
   * Emails each owner of the project the goals of the newest period ended by `now` that ended while they
   * existed: each on or off track, with the change since its period before. Written once per period end and
   * owner, however often asked; returns how many this call wrote to send. Call it after `snapshot` with the
   * same `now`, as `run` does.
   */
  async report(projectId: string, now: number): Promise<number> {
    // Only periods ended by `now`, which this run has snapshotted for every goal: never a later one that another
    // run is still snapshotting, whose report would miss goals.
    const end = await this.goals.latestPeriodEnd(projectId, new Date(now));
    if (!end) return 0;
    // A goal's baseline (a period that ended before the goal was set) is shown, not reported.
    const reported = (await this.goals.endingAt(projectId, end)).filter(
      (r) => r.snapshot.period_end > r.goal.created_at,
    );
    const project = await this.projects.findById(projectId);
    if (reported.length === 0 || !project) return 0;
    const owners = (await this.members.listByProject(projectId)).filter((m) => m.role === 'owner');
    const email = goalReportEmail(project.name, reported, `${this.config.publicUrl}/outcomes`);
    let reports = 0;
    for (const owner of owners) {
      const recipient = parseEmailAddress(owner.email);
      if (!recipient) continue;
      const [written] = await this.outbox.write([
        {
          id: uuidv5(`${projectId}|goal_report|${end.toISOString()}|${recipient}`, GOAL_REPORT_NAMESPACE),
          projectId,
          kind: 'goal_report',
          recipient,
          ...email,
        },
      ]);
      if (!written || !('row' in written)) throw written ?? new Error('the outbox wrote nothing');
      const { row, created } = written;
      // Queued again while unsent: a job lost between the write and the queue is made good (same job id).
      if (row.status === 'pending' || row.status === 'sending') {
        await this.producer.enqueue('send-email', { outboxId: row.id }, { jobId: row.id, ...SEND_EMAIL_JOB });
      }
      if (created && row.status === 'pending') reports++;
    }
    return reports;
  }
}
