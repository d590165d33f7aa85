import { SURVEY_EVENTS } from '@bindery/contracts';
import { ANSWERS_ONLY, type BoundQuery } from '@bindery/event-queries';

/** An account's latest NPS or CSAT answer. */
export interface LatestAnswerRow {
  account_id: string;
  answer_id: string;
  user_id: string;
  at: number;
  survey_id: string;
  kind: string;
  score: number;
  comment: string;
}

/**
 * Each account's latest scored answer (NPS or CSAT) since `since`, of one survey or all; only for `accounts` when
 * given. Ties at a millisecond go to the greater event id. A retried answer's second row is the same answer and
 * changes no latest one, so `events` is read without FINAL (which would read every event since `since`).
 */
export function latestAnswersQuery(
  projectId: string,
  since: number,
  surveyId: string | undefined,
  accounts?: string[],
): BoundQuery<LatestAnswerRow> {
  const params: Record<string, unknown> = { projectId, since, event: SURVEY_EVENTS.answered };
  const where = [
    'project_id = {projectId:UUID}',
    "account_id != ''",
    'timestamp >= fromUnixTimestamp64Milli({since:Int64})',
    "JSONExtractString(properties, 'kind') IN ('nps', 'csat')",
    "JSONExtract(properties, 'score', 'Nullable(Int64)') IS NOT NULL",
  ];
  if (surveyId !== undefined) {
    where.push("JSONExtractString(properties, 'surveyId') = {surveyId:String}");
    params.surveyId = surveyId;
  }
  if (accounts !== undefined) {
    where.push('account_id IN {accounts:Array(String)}');
    params.accounts = accounts;
  }
  return {
    query: `SELECT account_id, argMax(event_id, (timestamp, event_id)) AS answer_id,
  argMax(user_id, (timestamp, event_id)) AS user_id,
  toUnixTimestamp64Milli(max(timestamp)) AS at,
  argMax(JSONExtractString(properties, 'surveyId'), (timestamp, event_id)) AS survey_id,
  argMax(JSONExtractString(properties, 'kind'), (timestamp, event_id)) AS kind,
  argMax(JSONExtractInt(properties, 'score'), (timestamp, event_id)) AS score,
  argMax(JSONExtractString(properties, 'comment'), (timestamp, event_id)) AS comment
FROM events
${ANSWERS_ONLY}
WHERE ${where.join('\n  AND ')}
GROUP BY account_id`,
    params,
  };
}
