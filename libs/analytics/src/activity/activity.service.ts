import { Injectable } from '@nestjs/common';
import { type ActivityQuery, type ActivityResult } from '@bindery/contracts';
import { activeDaysQuery, eventsPerDayQuery, LONGEST_WINDOW } from './activity.query';
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
    const [active, perDay] = await Promise.all([
      this.runner.rows(activeDaysQuery(projectId, days, timeZone, q.accountId)),
      this.runner.rows(eventsPerDayQuery(projectId, days, timeZone, q.accountId)),
    ]);
    const events = new Map(perDay.map((r) => [r.d, r.n]));
    // Each active day opens a 1-, 7- and 30-day window, closed after its length or at the person's next active
    // day, whichever comes first: the counts are running sums of the opens and closes, from the first day read.
    const first = days.first - (LONGEST_WINDOW - 1);
    const change = {
      dau: new Map<number, number>(),
      wau: new Map<number, number>(),
      mau: new Map<number, number>(),
    };
    const add = (at: Map<number, number>, day: number, n: number) => at.set(day, (at.get(day) ?? 0) + n);
    for (const { day, gap, persons } of active) {
      for (const [at, length] of [
        [change.dau, 1],
        [change.wau, 7],
        [change.mau, LONGEST_WINDOW],
      ] as const) {
        add(at, day, persons);
        add(at, day + Math.min(length, gap), -persons);
      }
    }
    const running = { dau: 0, wau: 0, mau: 0 };
    const series: ActivityResult['series'] = [];
    for (let d = first; d <= days.last; d++) {
      running.dau += change.dau.get(d) ?? 0;
      running.wau += change.wau.get(d) ?? 0;
      running.mau += change.mau.get(d) ?? 0;
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
