/**
 * A `survey answered` event's `kind` (the survey's, which ingest adds) and its `score` as a Float64: the JSON
 * number, or −1 when the score is no number (a string or a boolean, which JSONExtract would read as one).
 */
export const SURVEY_SCORE = `JSONExtractString(properties, 'kind') AS kind,
  if(JSONType(properties, 'score') IN ('Int64', 'UInt64', 'Double'), JSONExtractFloat(properties, 'score'), -1) AS score`;

/** The answers {@link SURVEY_SCORE} reads that count: a whole NPS score 0–10 or CSAT score 1–5. */
export const ANSWER_ON_SCALE = `score = floor(score)
    AND ((kind = 'nps' AND score BETWEEN 0 AND 10) OR (kind = 'csat' AND score BETWEEN 1 AND 5))`;
