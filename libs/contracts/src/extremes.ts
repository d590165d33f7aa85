/**
 * The least of `values` (Infinity for none). `Math.min(...values)` passes each value as an argument and
 * throws "Maximum call stack size exceeded" past about 120,000 of them: a project's open signals or quiet
 * users outgrow that.
 */
export function minOf(values: Iterable<number>): number {
  let least = Infinity;
  for (const v of values) if (v < least) least = v;
  return least;
}

/** The greatest of `values` (-Infinity for none); see {@link minOf}. */
export function maxOf(values: Iterable<number>): number {
  let greatest = -Infinity;
  for (const v of values) if (v > greatest) greatest = v;
  return greatest;
}
