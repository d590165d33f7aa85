import { Injectable } from '@nestjs/common';
import {
  type DropoffPage,
  type DropoffQuery,
  type FunnelQuery,
  type FunnelResult,
  InvalidInput,
} from '@bindery/contracts';
import {
  decodeAfter,
  encodeAfter,
  funnelSteps,
  lastActionsQuery,
  parseRange,
  type Paths,
  QueryRunner,
  queryFunnelPaths,
} from '@bindery/event-queries';
import { ProjectTimeZone } from '../time-zone/project-time-zone';
import { funnelTrend } from './funnel-trend';

/** Funnels: how far subjects get through a sequence of steps, and who stopped where. */
@Injectable()
export class FunnelService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly zone: ProjectTimeZone,
  ) {}

  async query(projectId: string, q: FunnelQuery): Promise<FunnelResult> {
    // Before the read: a period is complete only if its windows had ended by the events read.
    const now = Date.now();
    const range = parseRange(q);
    const paths = await queryFunnelPaths(this.runner, projectId, q, range);
    const result: FunnelResult = { steps: funnelSteps(q.steps, paths) };
    if (q.trend) {
      result.trend = funnelTrend(paths, range, q.trend, await this.zone.of(projectId), {
        windowMs: q.windowSeconds * 1000,
        now,
      });
    }
    if (!q.breakdown) return result;
    const byValue = new Map<string | null, Paths[]>();
    for (const part of await queryFunnelPaths(this.runner, projectId, q, range, { breakdown: q.breakdown })) {
      const value = part.value ?? null;
      const parts = byValue.get(value);
      if (parts) parts.push(part);
      else byValue.set(value, [part]);
    }
    const entered = (steps: { count: number }[]) => steps[0]?.count ?? 0;
    result.breakdowns = [...byValue]
      .map(([value, parts]) => ({ value, steps: funnelSteps(q.steps, parts) }))
      .filter((b) => entered(b.steps) > 0)
      .sort(
        (a, b) =>
          entered(b.steps) - entered(a.steps) ||
          (a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
      )
      .slice(0, q.breakdown.limit);
    return result;
  }

  /**
   * The subjects whose furthest step is `step`, by id, with when they got there, their latest action and
   * their latest account.
   */
  async dropoffs(
    projectId: string,
    q: FunnelQuery,
    dq: Pick<DropoffQuery, 'step' | 'limit' | 'cursor'>,
  ): Promise<DropoffPage> {
    if (dq.step > q.steps.length) {
      throw InvalidInput(`step must be at most ${q.steps.length}, the funnel's number of steps`);
    }
    const range = parseRange(q);
    const after = dq.cursor === undefined ? undefined : decodeAfter(dq.cursor);
    const stopped: { subject: string; reachedAt: number }[] = [];
    for (const part of await queryFunnelPaths(this.runner, projectId, q, range, { subjects: true })) {
      part.subjects?.forEach((subject, s) => {
        const reachedAt = part.times[s * part.steps + dq.step - 1];
        if (
          part.reach[s] === dq.step &&
          reachedAt !== undefined &&
          (after === undefined || subject > after)
        ) {
          stopped.push({ subject, reachedAt });
        }
      });
    }
    stopped.sort((a, b) => (a.subject < b.subject ? -1 : 1));
    const page = stopped.slice(0, dq.limit);
    const lastStopped = page.at(-1);
    const last = new Map(
      (
        await this.runner.rows(
          lastActionsQuery(
            projectId,
            q.aggregateBy,
            page.map((s) => s.subject),
          ),
        )
      ).map((r) => [r.subject, r]),
    );
    return {
      step: dq.step,
      subjects: page.map((s) => {
        const action = last.get(s.subject);
        return {
          id: s.subject,
          reachedStepAt: new Date(range.from + s.reachedAt).toISOString(),
          lastEvent: action ? { event: action.event, timestamp: new Date(action.ts).toISOString() } : null,
          accountId: action?.account || null,
        };
      }),
      nextCursor: stopped.length > dq.limit && lastStopped ? encodeAfter(lastStopped.subject) : null,
    };
  }
}
