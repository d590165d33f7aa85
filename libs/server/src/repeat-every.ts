/**
 * Runs `task` every `ms` milliseconds until the returned function stops it; a failure goes to `onError` and
 * the next turn runs as planned. The timer keeps no process alive.
 */
export function repeatEvery(
  ms: number,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): () => void {
  const timer = setInterval(() => {
    task().catch(onError);
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
