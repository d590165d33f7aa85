/**
 * Bounds on what one ingest request may hold, whichever wire format it comes in: each keeps one client's bad
 * request from costing the others (memory, an answer megabytes long, a shared insert that fails).
 */

/** Items one request may hold (a Segment `batch`, a PostHog array or `batch`); past it the request is refused (413). */
export const MAX_BATCH_ITEMS = 10_000;

/**
 * Levels of objects and arrays an event's `properties`, `context` or `traits` may hold, the object itself being
 * level 1; a deeper item is refused on its own (`too_deep`).
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * Refused items an answer lists; past it, the answer lists the first ones and counts them all (`rejectedCount`),
 * and the request's good items are stored all the same.
 */
export const MAX_LISTED_REJECTIONS = 100;
