import { Injectable } from '@nestjs/common';
import { type RetentionQuery, type RetentionResult } from '@bindery/contracts';
import { retentionQuery } from './retention.query';
import { DAY_MS, dayStart, isoDay, parseRange, QueryRunner } from '@bindery/event-queries';

/** Start of the period (UTC day, or week from Monday) holding `ms`. */
function periodStart(ms: number, period: 'day' | 'week'): number {
  const day = dayStart(ms);
  return period === 'day' ? day : day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
}

/** Retention: of the subjects who started in a period, how many came back in each period after. */
@Injectable()
export class RetentionService {
  constructor(private readonly runner: QueryRunner) {}

  async query(projectId: string, q: RetentionQuery): Promise<RetentionResult> {
    const range = parseRange(q);
    const step = (q.period === 'day' ? 1 : 7) * DAY_MS;
    const cohortsFrom = periodStart(range.from, q.period);
    const rows = await this.runner.rows(retentionQuery(projectId, q, { cohortsFrom, to: range.to }));
    const found = new Map(rows.map((r) => [r.start, r]));
    const cohorts: RetentionResult['cohorts'] = [];
    for (let start = cohortsFrom; start < range.to; start += step) {
      const row = found.get(isoDay(start));
      cohorts.push({
        start: isoDay(start),
        size: row?.size ?? 0,
        returned: Array.from({ length: q.periods }, (_, i) =>
          start + (i + 1) * step >= range.to ? null : (row?.returned[i] ?? 0),
        ),
      });
    }
    return { period: q.period, cohorts };
  }
}
