/**
 * Waits for every promise, then answers their values in order or throws the first failure: for work side by
 * side that must all have stopped before a failure is answered (and the job retried), so that none of it is
 * still writing then.
 */
export async function settleAll<T>(work: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  return settled.map((outcome) => {
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value;
  });
}
