import { SURVEY_EVENTS } from '@bindery/contracts';
import {
  ACTIONS,
  type BoundQuery,
  EVENT_PERSON,
  ANSWER_ON_SCALE,
  ANSWERS_ONLY,
  personOf,
  SURVEY_SCORE,
} from '@bindery/event-queries';
import { type RiskAnswer, SENTIMENT_DAYS } from '@bindery/rules';

/**
 * What "why at risk" reads for one account, from day `thenDay` − 89 to `today` (day numbers since
 * 1970-01-01): its people's active days, its actions by person, feature and day, its features' days of use,
 * the project's feature ranking on the two days, and its survey answers (from `thenDay` − 179). The same rollups and windows as health
 * (libs/detection/src/evaluation/health.query.ts), narrowed to the account.
 */
interface RiskWindow {
  projectId: string;
  accountId: string;
  thenDay: number;
  today: number;
}

/** Each person's (their ids merged by identity links) active days in the account, days thenDay−89..today. */
export function accountPeopleDaysQuery(w: RiskWindow): BoundQuery<{ person: string; days: number[] }> {
  return {
    query: `SELECT ${personOf('user_id')} AS person, arraySort(groupUniqArray(toUInt32(day))) AS days
FROM activity_daily
WHERE project_id = {projectId:UUID} AND account_id = {accountId:String}
  AND day > toDate({thenDay:UInt32}) - 90 AND day <= toDate({today:UInt32})
GROUP BY person`,
    params: { ...w },
  };
}

/** The account's actions by person, feature (else event name) and day, days thenDay−34..today, each event once. */
export function accountActionsQuery(
  w: RiskWindow,
): BoundQuery<{ person: string; name: string; day: number; count: number }> {
  return {
    query: `SELECT ${EVENT_PERSON} AS person, if(feature != '', feature, event) AS name,
    toUInt32(toDate(timestamp)) AS day, count() AS count
FROM events FINAL
WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND account_id = {accountId:String}
  AND toDate(timestamp) > toDate({thenDay:UInt32}) - 35 AND toDate(timestamp) <= toDate({today:UInt32})
GROUP BY person, name, day`,
    params: { ...w },
  };
}

/** The days each feature was used in the account, days thenDay−29..today. */
export function accountFeatureDaysQuery(w: RiskWindow): BoundQuery<{ feature: string; days: number[] }> {
  return {
    query: `SELECT feature, arraySort(groupUniqArray(toUInt32(day))) AS days
FROM feature_daily
WHERE project_id = {projectId:UUID} AND account_id = {accountId:String}
  AND day > toDate({thenDay:UInt32}) - 30 AND day <= toDate({today:UInt32})
GROUP BY feature`,
    params: { ...w },
  };
}

/** Each feature's users in the project in the 30 days up to thenDay and up to today (the key features' ranking). */
export function featureUsersThenAndNowQuery(
  w: Omit<RiskWindow, 'accountId'>,
): BoundQuery<{ feature: string; users_then: number; users_now: number }> {
  const then = `day > toDate({thenDay:UInt32}) - 30 AND day <= toDate({thenDay:UInt32})`;
  const now = `day > toDate({today:UInt32}) - 30 AND day <= toDate({today:UInt32})`;
  return {
    query: `SELECT feature, uniqExactIf(${personOf('user_id')}, ${then}) AS users_then,
    uniqExactIf(${personOf('user_id')}, ${now}) AS users_now
FROM feature_daily
WHERE project_id = {projectId:UUID} AND ((${then}) OR (${now}))
GROUP BY feature`,
    params: { projectId: w.projectId, thenDay: w.thenDay, today: w.today },
  };
}

/**
 * The account's NPS and CSAT answers on their scale, days thenDay−179..today, each event once: its people's,
 * for their latest answers.
 */
export function accountAnswersQuery(w: RiskWindow): BoundQuery<RiskAnswer> {
  return {
    query: `SELECT ${EVENT_PERSON} AS person, event_id AS id, toUnixTimestamp64Milli(timestamp) AS time,
  ${SURVEY_SCORE}
FROM events FINAL
${ANSWERS_ONLY}
WHERE project_id = {projectId:UUID} AND account_id = {accountId:String}
  AND toDate(timestamp) > toDate({thenDay:UInt32}) - ${SENTIMENT_DAYS} AND toDate(timestamp) <= toDate({today:UInt32})
  AND ${ANSWER_ON_SCALE}`,
    params: { ...w, event: SURVEY_EVENTS.answered },
  };
}
