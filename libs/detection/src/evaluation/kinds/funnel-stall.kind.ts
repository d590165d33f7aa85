import { type Aggregation, type FunnelStep, minOf } from '@bindery/contracts';
import {
  ACTIONS,
  type BoundQuery,
  Params,
  propertyFilterSql,
  queryFunnelPaths,
  subjectOf as subjectSql,
} from '@bindery/event-queries';
import { evaluateFunnelStall } from '@bindery/rules';
import { receivedSince } from '../receipt';
import { type KindContext, type Resolution, type RuleKind, subjectOf } from './rule-kind';

/**
 * The times (epoch ms, ascending) of each subject's actions that match a funnel step, from `since` on, and of
 * those received from `receivedSince` on when it is given. Every subject with such an action, not a list of
 * them: thousands of names bound into the query cost more to parse than the rows cost to read. The step's event
 * name is tested first and alone: with its property filter in ClickHouse's own order of conditions, the
 * properties of every granule of the days were read first (docs/capacity.md, Survey answers).
 */
export function stepTimesQuery(
  projectId: string,
  aggregateBy: Aggregation,
  step: FunnelStep,
  since: number,
  receivedSince?: number,
): BoundQuery<{ subject: string; times: number[] }> {
  const p = new Params({ projectId, since, ...(receivedSince === undefined ? {} : { receivedSince }) });
  const received =
    receivedSince === undefined
      ? ''
      : '\n  AND received_at >= fromUnixTimestamp64Milli({receivedSince:Int64})';
  return {
    query: `SELECT ${subjectSql(aggregateBy)} AS subject, arraySort(groupArray(toUnixTimestamp64Milli(timestamp))) AS times
FROM events
PREWHERE event = ${p.bind(step.event, 'String')}
WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND ${propertyFilterSql(p, step.where)}
  AND timestamp >= fromUnixTimestamp64Milli({since:Int64})${received}
GROUP BY subject`,
    params: p.values,
  };
}

/** The saved funnel the rule follows; undefined once it is deleted. */
async function savedFunnel({ projectId, params, funnels }: KindContext<'funnel_stall'>) {
  const funnel = await funnels.findById(projectId, params.funnelId);
  return funnel?.definition;
}

/** Subjects that reached a step of a saved funnel and not the next one in time. */
export const funnelStall: RuleKind<'funnel_stall'> = {
  clearedByActivity: true,
  async detect(ctx) {
    const { projectId, params, now, watermark, runner } = ctx;
    const def = await savedFunnel(ctx);
    // A funnel that is gone stalls nobody.
    if (!def) return [];
    const { steps, windowSeconds, order, aggregateBy } = def;
    const range = { from: now - params.lookbackDays * 86_400_000, to: now };
    // A subject can newly stall only if its last step is less than stallHours older than the watermark.
    const activeSince = watermark === undefined ? undefined : watermark - params.stallHours * 3_600_000;
    const parts = await queryFunnelPaths(
      runner,
      projectId,
      { steps, windowSeconds, order, aggregateBy },
      range,
      { activeSince, subjects: true },
    );
    return evaluateFunnelStall(
      params,
      now,
      steps.map((s) => s.event),
      parts.flatMap((part) =>
        (part.subjects ?? []).map((subject, s) => {
          const at = s * part.steps;
          const reach = part.reach[s] ?? 0;
          return {
            subject: subjectOf(aggregateBy, subject),
            reach,
            stepTimes: Array.from(part.times.subarray(at, at + reach), (t) => range.from + t),
          };
        }),
      ),
    );
  },

  /**
   * Cleared when the subject takes the next step, as the funnel counts it: after the step it stalled at, and
   * within the funnel's window from the path's start (a step taken after the window leaves that path stalled,
   * as the rule's detection sees it).
   */
  async resolve(ctx, open) {
    const def = await savedFunnel(ctx);
    if (!open.length || !def) return [];
    const byStep = new Map<number, typeof open>();
    for (const s of open) {
      const next = Number(s.details.nextStep);
      const signals = byStep.get(next);
      if (signals) signals.push(s);
      else byStep.set(next, [s]);
    }
    const resolved: Resolution[] = [];
    for (const [next, signals] of byStep) {
      const step = def.steps[next - 1];
      if (!step) continue;
      const reached = (s: (typeof open)[number]) => Date.parse(String(s.details.reachedStepAt));
      // The period is `step:<k>:from:<the path's start>`.
      const deadline = (s: (typeof open)[number]) =>
        Date.parse(s.period_key.slice(s.period_key.indexOf(':from:') + 6)) + def.windowSeconds * 1000;
      const subjectId = (s: (typeof open)[number]) =>
        (def.aggregateBy === 'account' ? s.account_id : s.user_id) ?? '';
      // The last evaluation saw every step stored before it (or the signal would not be open): only the
      // steps received since (with those still in flight then) can clear one.
      const rows = await ctx.runner.rows(
        stepTimesQuery(
          ctx.projectId,
          def.aggregateBy,
          step,
          minOf(signals.map(reached)),
          ctx.watermark === undefined ? undefined : receivedSince(ctx.watermark),
        ),
      );
      const timesOf = new Map(rows.map((r) => [r.subject, r.times.map(Number)]));
      for (const s of signals) {
        const at = timesOf.get(subjectId(s))?.find((t) => t >= reached(s) && t <= deadline(s));
        if (at !== undefined) {
          resolved.push({
            signalId: s.id,
            reason: `took step ${next} (${step.event}) on ${new Date(at).toISOString().slice(0, 10)}`,
          });
        }
      }
    }
    return resolved;
  },

  explain: (d) =>
    `Stopped at step ${String(d.step)} (${String(d.stepEvent)}) for ${String(d.hoursStalled)} hours; ` +
    `next: ${String(d.nextStepEvent)}`,
};
