import type { FunnelStepResult } from '@bindery/contracts';

/** A step of a funnel's answer with what the page shows beside the API's numbers. */
export interface StepRowData extends FunnelStepResult {
  /** 1-based, as the drop-off list's `step`. */
  step: number;
  /** Share of this step's subjects that went no further. */
  dropOffShare: number;
  /** Subjects of the previous step that did not reach this one (0 for step 1). */
  lostBefore: number;
  last: boolean;
}

export function stepRows(steps: FunnelStepResult[]): StepRowData[] {
  return steps.map((s, i) => ({
    ...s,
    step: i + 1,
    dropOffShare: s.count > 0 ? s.dropOff / s.count : 0,
    lostBefore: i === 0 ? 0 : steps[i - 1]!.count - s.count,
    last: i === steps.length - 1,
  }));
}

/** What the subjects are called in headings and labels. */
export const subjectNoun = (aggregateBy: 'user' | 'account', count = 2) =>
  aggregateBy === 'account' ? (count === 1 ? 'account' : 'accounts') : count === 1 ? 'person' : 'people';
