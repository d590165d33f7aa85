import type { FunnelStepResult } from '@bindery/contracts';

/** A step of a funnel's answer with what the page shows beside the API's numbers. */
export interface StepRowData extends FunnelStepResult {
  /** 1-based, as the drop-off list's `step`. */
  step: number;
  /** Share of this step's subjects that went no further. */
  dropOffShare: number;
  /** Subjects of this step that went on to the next one (all of them at the last step). */
  wentOn: number;
  last: boolean;
}

export function stepRows(steps: FunnelStepResult[]): StepRowData[] {
  return steps.map((s, i) => ({
    ...s,
    step: i + 1,
    dropOffShare: s.count > 0 ? s.dropOff / s.count : 0,
    wentOn: i === steps.length - 1 ? s.count : s.count - s.dropOff,
    last: i === steps.length - 1,
  }));
}

/** What the subjects are called in headings and labels. */
export const subjectNoun = (aggregateBy: 'user' | 'account', count = 2) =>
  aggregateBy === 'account' ? (count === 1 ? 'account' : 'accounts') : count === 1 ? 'person' : 'people';
