import { Injectable } from '@nestjs/common';
import { type RetentionQuery, type RetentionResult } from '@bindery/contracts';
import { retentionQuery } from './retention.query';
import { DAY_MS, isoDay, parseRange, QueryRunner, zonedDay, zonedDayStart } from '@bindery/event-queries';
import { ProjectTimeZone } from '../time-zone/project-time-zone';

/** The day number of the Monday of the week holding `day` (1970-01-01, day 0, was a Thursday). */
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

/**
 * The curve over all cohorts: for each period after the cohort's own, the share of the subjects of the cohorts
 * it has ended for that came back in it (a period in progress would pull it down); period 0 is the cohorts
 * themselves.
 */
export function retentionCurve(
  cohorts: RetentionResult['cohorts'],
  periods: number,
): RetentionResult['curve'] {
  return Array.from({ length: periods + 1 }, (_, period) => {
    let subjects = 0;
    let returned = 0;
    for (const c of cohorts) {
      if (period > c.ended) continue;
      subjects += c.size;
      returned += period === 0 ? c.size : (c.returned[period - 1] ?? 0);
    }
    return { period, subjects, returned, rate: subjects === 0 ? null : returned / subjects };
  });
}

/** Retention: of the subjects who started in a period, how many came back in each period after. */
@Injectable()
export class RetentionService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly zone: ProjectTimeZone,
  ) {}

  async query(projectId: string, q: RetentionQuery): Promise<RetentionResult> {
    const range = parseRange(q);
    const timeZone = await this.zone.of(projectId);
    const length = q.period === 'day' ? 1 : 7;
    const periodOf = (day: number) => (q.period === 'day' ? day : mondayOf(day));
    const first = periodOf(zonedDay(range.from, timeZone));
    const startOf = (day: number) => zonedDayStart(day, timeZone);
    const rows = await this.runner.rows(
      retentionQuery(projectId, q, { cohortsFrom: startOf(first), to: range.to }, timeZone),
    );
    const found = new Map(rows.map((r) => [r.start, r]));
    const cohorts: RetentionResult['cohorts'] = [];
    for (let start = first; startOf(start) < range.to; start += length) {
      const row = found.get(isoDay(start * DAY_MS));
      // Where each later period starts; period i (1-based) ends where period i + 1 starts.
      const starts = Array.from({ length: q.periods + 1 }, (_, i) => startOf(start + (i + 1) * length));
      cohorts.push({
        start: isoDay(start * DAY_MS),
        size: row?.size ?? 0,
        returned: starts
          .slice(0, q.periods)
          .map((begin, i) => (begin >= range.to ? null : (row?.returned[i] ?? 0))),
        ended: starts.slice(1).filter((end) => end <= range.to).length,
      });
    }
    return { period: q.period, cohorts, curve: retentionCurve(cohorts, q.periods) };
  }
}
