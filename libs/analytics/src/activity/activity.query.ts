import { DEFAULT_TIME_ZONE } from '@bindery/contracts';
import {
  type BoundQuery,
  dailySource,
  type DayRange,
  personOf,
  uniqueActions,
  zoneParams,
} from '@bindery/event-queries';

/** A row of {@link activityChangesQuery}: day numbers and the changes of DAU, WAU and MAU on each. */
export interface ActivityChangesRow {
  days: number[];
  dau: number[];
  wau: number[];
  mau: number[];
}

/**
 * Changes in DAU, WAU and MAU by local day of `timeZone` (day numbers as keys): each active day of a person
 * (their ids merged by identity links) opens its 1-, 7- and 30-day windows, closed early by its next active day
 * so that a person's windows never overlap; running sums of the changes are then the distinct counts.
 */
export function activityChangesQuery(
  projectId: string,
  days: DayRange,
  timeZone: string,
  accountId?: string,
): BoundQuery<ActivityChangesRow> {
  const account = accountId === undefined ? '' : ' AND account_id = {accountId:String}';
  const close = (n: number) => `arrayMap((d, n) -> least(d + ${n}, n), ds, nx)`;
  return {
    query: `SELECT m.1 AS days, m.2 AS dau, m.3 AS wau, m.4 AS mau
FROM (
  SELECT sumMap(
      arrayConcat(ds, ${close(1)}, ${close(7)}, ${close(30)}),
      arrayConcat(plus, minus, zero, zero),
      arrayConcat(plus, zero, minus, zero),
      arrayConcat(plus, zero, zero, minus)) AS m
  FROM (
    SELECT arraySort(groupUniqArray(toUInt32(day))) AS ds,
      arrayPushBack(arrayPopFront(ds), 4294967295) AS nx,
      arrayMap(d -> toInt64(1), ds) AS plus,
      arrayMap(d -> toInt64(-1), ds) AS minus,
      arrayMap(d -> toInt64(0), ds) AS zero
    FROM ${dailySource('activity_daily', timeZone)}
    WHERE project_id = {projectId:UUID} AND user_id != ''${account}
      AND day >= toDate({first:UInt32}) AND day <= toDate({last:UInt32})
    GROUP BY ${personOf('user_id')}
  )
)`,
    params: {
      projectId,
      first: days.first - 29,
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
