import { Injectable } from '@nestjs/common';
import { type ActivityQuery, type ActivityResult } from '@bindery/contracts';
import { activityChangesQuery, eventsPerDayQuery } from './activity.query';
import { DAY_MS, isoDay, parseRange, QueryRunner, zonedDaysOf } from '@bindery/event-queries';
import { ProjectTimeZone } from '../time-zone/project-time-zone';

/** Active users: DAU, WAU, MAU, stickiness and actions per day of the project's time zone, for it or one account. */
@Injectable()
export class ActivityService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly zone: ProjectTimeZone,
  ) {}

  async query(projectId: string, q: ActivityQuery): Promise<ActivityResult> {
    const timeZone = await this.zone.of(projectId);
    const days = zonedDaysOf(parseRange(q), timeZone);
    const [[changes], perDay] = await Promise.all([
      this.runner.rows(activityChangesQuery(projectId, days, timeZone, q.accountId)),
      this.runner.rows(eventsPerDayQuery(projectId, days, timeZone, q.accountId)),
    ]);
    const events = new Map(perDay.map((r) => [r.d, r.n]));
    // An aggregate over no events yields no row: no changes.
    const { days: changeDays, dau, wau, mau } = changes ?? { days: [], dau: [], wau: [], mau: [] };

    const at = new Map(changeDays.map((d, i) => [d, i]));
    const running = { dau: 0, wau: 0, mau: 0 };
    const series: ActivityResult['series'] = [];
    for (let d = days.first - 29; d <= days.last; d++) {
      const i = at.get(d);
      if (i !== undefined) {
        running.dau += dau[i] ?? 0;
        running.wau += wau[i] ?? 0;
        running.mau += mau[i] ?? 0;
      }
      if (d >= days.first) {
        const { dau, wau, mau } = running;
        series.push({
          day: isoDay(d * DAY_MS),
          dau,
          wau,
          mau,
          stickiness: mau === 0 ? 0 : dau / mau,
          events: events.get(d) ?? 0,
        });
      }
    }
    return { series };
  }
}
