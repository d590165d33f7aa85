import { type EventRow, type SurveyBreakdown, type SurveyKind, type SurveyResults } from '@bindery/contracts';
import { dayOf, dayString, iso, mondayOf, parseRange, uniqueRows } from './common.reference';

/** What the results of one survey are computed over, besides the events. */
export interface SurveyReferenceInput {
  projectId: string;
  surveyId: string;
  kind: SurveyKind;
  from: string;
  to: string;
  interval: 'day' | 'week' | 'month';
  commentsLimit: number;
  /** Each account's current plan trait, as text. */
  plans: Map<string, string>;
  /** Each account's latest ABC class. */
  abc: Map<string, 'A' | 'B' | 'C'>;
}

interface Answer {
  id: string;
  time: number;
  user: string;
  account: string;
  score: number | null;
  words: string;
}

/**
 * Brute-force reference of `POST …/surveys/:id/results/query`, stated in docs/surveys.md: one row per event id,
 * every `survey answered` track of the survey in [from, to); NPS promoters 9–10 and detractors 0–6, CSAT 4–5
 * and 1–2; score and average rounded half up to 0.1 and 0.01.
 */
export function surveyResultsReference(
  events: readonly EventRow[],
  input: SurveyReferenceInput,
): SurveyResults {
  const { from, to } = parseRange(input);
  const answers: Answer[] = [];
  for (const row of uniqueRows(events, input.projectId)) {
    if (row.type !== 'track' || row.event !== 'survey answered') continue;
    if (row.timestamp < from || row.timestamp >= to) continue;
    const props = JSON.parse(row.properties) as Record<string, unknown>;
    if (props.surveyId !== input.surveyId) continue;
    const score = typeof props.score === 'number' && Number.isInteger(props.score) ? props.score : null;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    answers.push({
      id: row.event_id,
      time: row.timestamp,
      user: row.user_id,
      account: row.account_id,
      score,
      words: text(props.comment) !== '' ? text(props.comment) : text(props.answer),
    });
  }
  const [promoterMin, detractorMax] = input.kind === 'csat' ? [4, 2] : [9, 6];
  const summarize = (group: Answer[]): SurveyBreakdown => {
    const scores = group.map((a) => a.score).filter((s): s is number => s !== null);
    const promoters = scores.filter((s) => s >= promoterMin).length;
    const detractors = scores.filter((s) => s <= detractorMax).length;
    const scored = scores.length > 0 && input.kind !== 'open';
    const pct = input.kind === 'nps' ? promoters - detractors : promoters;
    return {
      responses: group.length,
      promoters,
      passives: scores.length - promoters - detractors,
      detractors,
      score: scored ? Math.round((1000 * pct) / scores.length) / 10 : null,
      average: scored ? Math.round((100 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 100 : null,
    };
  };
  const period = (time: number) => {
    const day = dayOf(time);
    if (input.interval === 'day') return dayString(day);
    if (input.interval === 'week') return dayString(mondayOf(day));
    return `${iso(time).slice(0, 7)}-01`;
  };
  const by = <K extends string | null>(keyOf: (a: Answer) => K) => {
    const groups = new Map<K, Answer[]>();
    for (const a of answers) groups.set(keyOf(a), [...(groups.get(keyOf(a)) ?? []), a]);
    return [...groups.keys()]
      .sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
      .map((key) => ({ key, ...summarize(groups.get(key)!) }));
  };
  return {
    surveyId: input.surveyId,
    kind: input.kind,
    summary: summarize(answers),
    overTime: by((a) => period(a.time)).map(({ key, ...b }) => ({ period: key, ...b })),
    byPlan: by((a) => input.plans.get(a.account) ?? null).map(({ key, ...b }) => ({ plan: key, ...b })),
    byAbc: by((a) => input.abc.get(a.account) ?? null).map(({ key, ...b }) => ({ abc: key, ...b })),
    comments: answers
      .filter((a) => a.words !== '')
      .sort((a, b) => b.time - a.time || (a.id < b.id ? -1 : 1))
      .slice(0, input.commentsLimit)
      .map((a) => ({
        at: iso(a.time),
        userId: a.user,
        accountId: a.account === '' ? null : a.account,
        score: a.score,
        comment: a.words,
      })),
  };
}
