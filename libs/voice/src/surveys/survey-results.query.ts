import { type ResultInterval, SURVEY_EVENTS } from '@bindery/contracts';
import { ANSWERS_ONLY, type BoundQuery } from '@bindery/event-queries';

/** The first day of each interval, in UTC: a fixed expression per interval, never input. */
const PERIOD: Record<ResultInterval, string> = {
  day: 'toDate(timestamp)',
  week: 'toMonday(timestamp)',
  month: 'toStartOfMonth(timestamp)',
};

/** A survey's answers in a range: each stored once (FINAL drops a retried event's second row). */
const ANSWERS = `FROM events FINAL
${ANSWERS_ONLY}
WHERE project_id = {projectId:UUID}
  AND timestamp >= fromUnixTimestamp64Milli({from:Int64}) AND timestamp < fromUnixTimestamp64Milli({to:Int64})
  AND JSONExtractString(properties, 'surveyId') = {surveyId:String}`;

/** One row per period and account. */
export interface AnswerCountsRow {
  period: string;
  account_id: string;
  responses: number;
  scored: number;
  promoters: number;
  detractors: number;
  total: number;
}

export interface AnswerScope {
  projectId: string;
  surveyId: string;
  from: number;
  to: number;
}

/** A survey's answers counted per period and account: responses, scored ones, promoters, detractors, score sum. */
export function answerCountsQuery(
  scope: AnswerScope,
  interval: ResultInterval,
  bounds: { promoterMin: number; detractorMax: number },
): BoundQuery<AnswerCountsRow> {
  return {
    query: `SELECT toString(${PERIOD[interval]}) AS period, account_id,
  toUInt64(count()) AS responses,
  toUInt64(countIf(score IS NOT NULL)) AS scored,
  toUInt64(countIf(score >= {promoterMin:Int64})) AS promoters,
  toUInt64(countIf(score <= {detractorMax:Int64})) AS detractors,
  toInt64(sum(ifNull(score, 0))) AS total
FROM (
  SELECT timestamp, account_id, JSONExtract(properties, 'score', 'Nullable(Int64)') AS score
  ${ANSWERS.replace(/\n/g, '\n  ')}
)
GROUP BY period, account_id
ORDER BY period, account_id`,
    params: { ...scope, event: SURVEY_EVENTS.answered, ...bounds },
  };
}

export interface CommentRow {
  at: number;
  user_id: string;
  account_id: string;
  score: number | null;
  comment: string;
}

/** The answers with words (a comment, or an open question's answer), newest first. */
export function surveyCommentsQuery(scope: AnswerScope, limit: number): BoundQuery<CommentRow> {
  return {
    query: `SELECT toUnixTimestamp64Milli(timestamp) AS at, user_id, account_id,
  JSONExtract(properties, 'score', 'Nullable(Int64)') AS score,
  if(JSONExtractString(properties, 'comment') != '', JSONExtractString(properties, 'comment'),
    JSONExtractString(properties, 'answer')) AS comment
${ANSWERS}
  AND comment != ''
ORDER BY timestamp DESC, event_id
LIMIT {limit:UInt32}`,
    params: { ...scope, event: SURVEY_EVENTS.answered, limit },
  };
}
