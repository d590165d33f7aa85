/** A span of UTC day numbers, both ends included. */
export interface DayWindow {
  firstDay: number;
  lastDay: number;
}

/**
 * A rule window narrowed to what may have changed since the watermark (the day of the same rule version's
 * last evaluation): a subject whose deadline, its day plus `days` full days, passed before that day was
 * judged by that evaluation, so only days from `watermarkDay − days − 1` on can hold a new one.
 */
export function sinceWatermark(window: DayWindow, watermarkDay: number | undefined, days: number): DayWindow {
  if (watermarkDay === undefined) return window;
  return { ...window, firstDay: Math.max(window.firstDay, watermarkDay - days - 1) };
}
