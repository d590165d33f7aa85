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
  funnelPath,
  funnelSequencesQuery,
  type FunnelShape,
  funnelSteps,
  lastActionsQuery,
  parseRange,
  type Path,
  QueryRunner,
  type Range,
  type SequenceRow,
} from '@bindery/event-queries';

const shapeOf = (q: FunnelQuery, range: Range): FunnelShape => ({
  steps: q.steps.length,
  order: q.order,
  windowMs: q.windowSeconds * 1000,
  toMs: range.to - range.from,
});

/** Funnels: how far subjects get through a sequence of steps, and who stopped where. */
@Injectable()
export class FunnelService {
  constructor(private readonly runner: QueryRunner) {}

  async query(projectId: string, q: FunnelQuery): Promise<FunnelResult> {
    const range = parseRange(q);
    const shape = shapeOf(q, range);
    const paths = await this.paths(projectId, q, range);
    const result: FunnelResult = {
      steps: funnelSteps(
        q.steps,
        paths.map((p) => p.path),
      ),
    };
    if (!q.breakdown) return result;
    const byValue = new Map<string | null, Path[]>();
    const rows = await this.runner.rows<SequenceRow>(funnelSequencesQuery(projectId, q, range, q.breakdown));
    for (const row of rows) {
      const value = row.value ?? null;
      const paths = byValue.get(value);
      if (paths) paths.push(funnelPath(row, shape));
      else byValue.set(value, [funnelPath(row, shape)]);
    }
    result.breakdowns = [...byValue]
      .map(([value, valuePaths]) => ({ value, steps: funnelSteps(q.steps, valuePaths) }))
      .filter((b) => b.steps[0].count > 0)
      .sort(
        (a, b) =>
          b.steps[0].count - a.steps[0].count ||
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
    const stopped = (await this.paths(projectId, q, range))
      .filter((s) => s.path.reach === dq.step && (after === undefined || s.subject > after))
      .sort((a, b) => (a.subject < b.subject ? -1 : 1));
    const page = stopped.slice(0, dq.limit);
    const last = new Map(
      (
        await this.runner.rows<{ subject: string; event: string; ts: number; account: string }>(
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
          reachedStepAt: new Date(range.from + s.path.times[dq.step - 1]).toISOString(),
          lastEvent: action ? { event: action.event, timestamp: new Date(action.ts).toISOString() } : null,
          accountId: action?.account || null,
        };
      }),
      nextCursor: stopped.length > dq.limit ? encodeAfter(page[page.length - 1].subject) : null,
    };
  }

  private async paths(projectId: string, q: FunnelQuery, range: Range) {
    const shape = shapeOf(q, range);
    const rows = await this.runner.rows<SequenceRow>(funnelSequencesQuery(projectId, q, range));
    return rows.map((row) => ({ subject: row.subject, path: funnelPath(row, shape) }));
  }
}
