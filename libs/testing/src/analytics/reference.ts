/**
 * Brute-force reference of the reports in docs/analytics.md, for comparison with the ClickHouse SQL.
 *
 * Readings chosen where the document leaves room (the SQL must match them):
 *  1. Duplicates: rows are first narrowed to the project, then one row per event_id is kept (the first in
 *     the input; duplicates are identical copies).
 *  2. A person is user_id, else anonymous_id, merged by identity links (persons.reference.ts). Under aggregateBy 'account' actions without an account are
 *     left out everywhere: sequences, windows, active-subject denominators, breakdown values.
 *  3. Filters: `is_set` holds when the key is present whatever its value (JSON null included), `is_not_set`
 *     is its negation; `eq` with no `value` is false (so `neq` is true); numbers compare as doubles.
 *  4. Funnel sequences hold every action of the subject at any time (before `from`, after `to`). Ties at a
 *     millisecond: first step matched, then the set of steps matched as a binary number (docs/analytics.md),
 *     then event id (only for determinism: such events are interchangeable); with a breakdown, the step-1 matcher of that value's funnel
 *     (an event carrying another value does not match step 1 there, for ordering as for paths).
 *  5. Time to convert at step k uses the subject's single best path of its furthest step K (k ≤ K).
 *     `reachedStepAt` is the time of e_K; for `unordered`, the completion of step K.
 *  6. `unordered` windows hold events by time alone: [t, t + windowSeconds], both ends, so they include
 *     events at t placed before the start in the sequence and events after `to`. A window may start at an
 *     action matching only a later step; its step-1 event may then lie after `to`.
 *  7. conversionFromPrevious of step 1 is 1 even when nobody reached it; conversionFromFirst of step 1 is 1,
 *     or 0 when nobody reached it.
 *  8. Breakdown values are those of step-1 events (with a subject) at any time; values with nobody at step 1
 *     are left out. Numbers and booleans give their JSON.stringify text; null, objects, arrays and a missing
 *     property give null. Ordered by step-1 count descending, then value by code units, null last;
 *     `breakdowns` is absent without a breakdown; `steps` ignores it.
 *  9. Drop-offs ignore any breakdown. For the last step they list the subjects who completed the funnel
 *     (while `dropOff` of the last step is 0). `lastEvent` is the subject's latest action at any time; at
 *     equal times the one whose name sorts last.
 * 10. Retention: "first startEvent ever" looks at all time; a first start before `from` joins a cohort when
 *     its period is one of the cohorts, one at or after `to` does not. Returns count returnEvent actions in
 *     [period start, min(period end, to)). Every cohort period is listed, empty ones with size 0. A week
 *     cohort's `start` is its Monday, even before `from`.
 * 11. Activity counts people. Its days run from the day of `from` to the day of `to` − 1 ms, each day whole
 *     (actions of those days outside [from, to) count), and wau/mau reach back before `from`.
 * 12. Features: track events only; the feature is read from properties (the stored `feature` column is the
 *     same but for truncation to 200 characters). The range is whole UTC days, as for activity. firstUsedAt
 *     is the earliest counted use. `abandoned`: the subject has an action (track, page or screen) on one of
 *     the days at or after L + abandonDays.
 * 13. Accounts are known from actions or group rows at any time (also after day D); traits are the newest
 *     value per key over all group rows (equal times: the later received_at). users, active users and
 *     members are people. lastSeenAt is the latest action up to the end of day D (after asOf on day D too).
 *     The detail's features (track events) and daily series cover D−29..D, daily oldest first; members are
 *     the people of `users`, lastSeenAt their latest action in the account up to day D, events30d may be 0,
 *     ordered by lastSeenAt descending, then id. An unknown account throws (the API answers 404).
 * 14. Seconds to convert are Math.round(ms) / 1000: half a millisecond (a median of an even count) rounds up,
 *     whereas ClickHouse's round() of a Float64 rounds half to even; the SQL must round half up.
 */
export * from './funnel.reference';
export * from './retention.reference';
export * from './activity.reference';
export * from './feature.reference';
export * from './account.reference';
export * from './health.reference';
export * from './persons.reference';
export * from './survey.reference';
export * from './goal.reference';
