/**
 * How long before an evaluation an event may have been received and still not be readable to it: ingest
 * stamps `received_at` when a request arrives, and its rows become readable once their group-commit insert is
 * accepted (tens of milliseconds; seconds under load), on a clock that may differ a little from the rules
 * worker's. A check of what was received since the last evaluation reads this much further back, so that an
 * event in flight during that evaluation is seen by the next one; checking an event twice does nothing twice.
 */
export const RECEIPT_MARGIN_MS = 10 * 60_000;

/** The receipt time from which a check reads to see every event stored since an evaluation at `evaluatedAt`. */
export const receivedSince = (evaluatedAt: number): number => evaluatedAt - RECEIPT_MARGIN_MS;
