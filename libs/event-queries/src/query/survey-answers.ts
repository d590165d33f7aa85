/**
 * A `survey answered` event's `kind` (the survey's, which ingest adds) and its `score` as a Float64: the JSON
 * number, or −1 when the score is no number (a string or a boolean, which JSONExtract would read as one).
 */
export const SURVEY_SCORE = `JSONExtractString(properties, 'kind') AS kind,
  if(JSONType(properties, 'score') IN ('Int64', 'UInt64', 'Double'), JSONExtractFloat(properties, 'score'), -1) AS score`;

/** The answers {@link SURVEY_SCORE} reads that count: a whole NPS score 0–10 or CSAT score 1–5. */
export const ANSWER_ON_SCALE = `score = floor(score)
    AND ((kind = 'nps' AND score BETWEEN 0 AND 10) OR (kind = 'csat' AND score BETWEEN 1 AND 5))`;

/**
 * The survey answers among events, as the query's PREWHERE (it binds `{event:String}` to the answered event).
 * Left to itself, ClickHouse moves every condition of WHERE into PREWHERE in an order of its own, and reads the
 * account and properties columns of every granule the days select before testing the event name: 0.3–0.8 s on
 * 10 M events without one answer, for every part it had not read before (`npm run bench:rules`' events, one
 * thread). With only the name and type there, the other columns are read for the answers alone (40–140 ms).
 * Both are the same in a retried event's two rows, so FINAL keeps the same rows.
 */
export const ANSWERS_ONLY = `PREWHERE event = {event:String} AND type = 'track'`;
