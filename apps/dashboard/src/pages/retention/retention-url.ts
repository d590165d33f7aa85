import { RANGES } from '../../components/RangeSelect';
import { choiceParam, type UrlPatch } from '../../components/url-state';
import type { RetentionDraft } from './retention-grid';

const MAX_TEXT = 200;

/** The retention run as the page's URL keeps it: `start`, `return`, `period`, `periods`, `by`, `days`. */
export function retentionToParams(draft: RetentionDraft): UrlPatch {
  return {
    start: draft.startEvent,
    return: draft.returnEvent,
    period: draft.period,
    periods: draft.periods,
    by: draft.aggregateBy,
    days: String(draft.days),
  };
}

/** The retention run a URL names, over `defaults` for what it leaves out; null when it names no events. */
export function retentionFromParams(
  params: URLSearchParams,
  defaults: RetentionDraft,
): RetentionDraft | null {
  const start = params.get('start');
  const back = params.get('return');
  if (!start || !back) return null;
  return {
    startEvent: start.slice(0, MAX_TEXT),
    returnEvent: back.slice(0, MAX_TEXT),
    period: choiceParam(params.get('period'), ['day', 'week'] as const, defaults.period),
    periods: (params.get('periods') ?? defaults.periods).slice(0, 4),
    aggregateBy: choiceParam(params.get('by'), ['user', 'account'] as const, defaults.aggregateBy),
    days: choiceParam(Number(params.get('days')), RANGES, defaults.days),
  };
}
