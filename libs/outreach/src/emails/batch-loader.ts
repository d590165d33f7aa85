import DataLoader from 'dataloader';

/** The most calls one statement or command carries. */
const MAX_BATCH = 100;

/**
 * Calls made while jobs run side by side go out as one call of `batch` (one statement, one Redis command)
 * instead of one each: the notifier's round trips per email, not its SMTP sends, would otherwise bound it. A
 * batch waits until the one before it is done, the calls made meanwhile joining it (a group commit), so batches
 * grow with the load and a lone call waits for no timer; a batch carries at most {@link MAX_BATCH} calls, and
 * the calls beyond them start another that goes at the same time. With `lingerMs`, a batch also waits until that
 * long after the one before it went out, so that a steady trickle of calls (sends finishing one by one) is
 * gathered into fewer statements; a call after a quiet spell still goes at once. Nothing is cached: each call is
 * answered by its own batch. `batch` answers each input in order, with an Error for an input that failed alone.
 */
export function batchLoader<K, V>(
  batch: (inputs: readonly K[]) => Promise<readonly (V | Error)[]>,
  { lingerMs = 0 }: { lingerMs?: number } = {},
): DataLoader<K, V> {
  let underWay: Promise<unknown> = Promise.resolve();
  let lastOut = -Infinity;
  return new DataLoader(
    (inputs) => {
      lastOut = performance.now();
      const answers = batch(inputs);
      underWay = answers.catch(() => undefined);
      return answers;
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH,
      batchScheduleFn: (dispatch) =>
        void underWay.then(() => {
          const wait = lastOut + lingerMs - performance.now();
          if (wait > 0) setTimeout(dispatch, wait);
          else setImmediate(dispatch);
        }),
    },
  );
}
