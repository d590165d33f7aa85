import { DEFAULT_TIME_ZONE } from '@bindery/contracts';
import {
  type BoundQuery,
  dailySource,
  type DayRange,
  personOf,
  uniqueActions,
  zoneParams,
} from '@bindery/event-queries';

/** How far a window of active days reaches: MAU's 30 days, the longest. */
export const LONGEST_WINDOW = 30;

/**
 * A row of {@link activeDaysQuery}: how many persons were active on day `day` (a day number) and next active
 * `gap` days later ({@link LONGEST_WINDOW}: that many or more, or not again up to the last day).
 */
export interface ActiveDaysRow {
  day: number;
  gap: number;
  persons: number;
}

/**
 * The active days of persons (their ids merged by identity links) by local day of `timeZone`, counted by day
 * and gap to the person's next active day: the 1-, 7- and 30-day windows that an active day opens, closed early
 * by the next, follow from the pair, so that a person's windows never overlap and running sums of their opens
 * and closes are the distinct counts. The rollup's rows are grouped by stored id first and only those few
 * groups resolved to persons: resolving each row costs more than the rest of the query. A person's days are
 * made distinct once their arrays are joined: `groupUniqArrayArray`, a hash set per person, cost about a third
 * of the query.
 */
export function activeDaysQuery(
  projectId: string,
  days: DayRange,
  timeZone: string,
  accountId?: string,
): BoundQuery<ActiveDaysRow> {
  const account = accountId === undefined ? '' : ' AND account_id = {accountId:String}';
  return {
    query: `SELECT day, least(gap, ${LONGEST_WINDOW}) AS gap, count() AS persons
FROM (
  SELECT arraySort(arrayDistinct(arrayFlatten(groupArray(id_days)))) AS ds
  FROM (
    SELECT user_id, groupArray(toUInt32(day)) AS id_days
    FROM ${dailySource('activity_daily', timeZone)}
    WHERE project_id = {projectId:UUID} AND user_id != ''${account}
      AND day >= toDate({first:UInt32}) AND day <= toDate({last:UInt32})
    GROUP BY user_id
  )
  GROUP BY ${personOf('user_id')}
)
ARRAY JOIN ds AS day, arrayPushBack(arrayPopFront(arrayDifference(ds)), ${LONGEST_WINDOW}) AS gap
GROUP BY day, gap`,
    params: {
      projectId,
      first: days.first - (LONGEST_WINDOW - 1),
      last: days.last,
      ...zoneParams(timeZone),
      ...(accountId === undefined ? {} : { accountId }),
    },
  };
}

/** Actions per local day of the range (day numbers), each event once, for the project or one account. */
export function eventsPerDayQuery(
  projectId: string,
  days: DayRange,
  timeZone: string,
  accountId?: string,
): BoundQuery<{ d: number; n: number }> {
  const account = accountId === undefined ? '' : ' AND account_id = {accountId:String}';
  return {
    query: `SELECT toUInt32(day) AS d, count() AS n
FROM (
  ${uniqueActions(`day >= toDate({first:UInt32}) AND day <= toDate({last:UInt32})${account}`, timeZone !== DEFAULT_TIME_ZONE)}
)
GROUP BY d`,
    params: {
      projectId,
      first: days.first,
      last: days.last,
      ...zoneParams(timeZone),
      ...(accountId === undefined ? {} : { accountId }),
    },
  };
}
