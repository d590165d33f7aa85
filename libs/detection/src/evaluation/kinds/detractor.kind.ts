import { type DetractorParams } from '@bindery/contracts';
import { type Detection } from '@bindery/rules';
import { latestAnswersQuery, type LatestAnswerRow } from './detractor.query';
import { type RuleKind } from './rule-kind';

const DAY_MS = 86_400_000;
/** Scores that make a promoter: the answer that clears a detractor's signal. */
const PROMOTER_MIN = { nps: 9, csat: 4 } as const;

const kindOf = (row: LatestAnswerRow) => (row.kind === 'csat' ? 'csat' : 'nps');

/** Whether an answer is a detractor's under the rule's thresholds. */
const isDetractor = (params: DetractorParams, row: LatestAnswerRow) =>
  Number(row.score) <= (kindOf(row) === 'csat' ? (params.csatAtMost ?? 2) : (params.npsAtMost ?? 6));

const isPromoter = (row: LatestAnswerRow) => Number(row.score) >= PROMOTER_MIN[kindOf(row)];

/** A detection per account whose latest answer is a detractor's; one signal per answer. */
function detections(params: DetractorParams, rows: LatestAnswerRow[]): Detection[] {
  return rows
    .filter((row) => isDetractor(params, row))
    .map((row) => ({
      subject: { accountId: row.account_id },
      periodKey: `answer:${row.answer_id}`,
      details: {
        kind: kindOf(row),
        score: Number(row.score),
        comment: row.comment,
        userId: row.user_id,
        surveyId: row.survey_id,
        answeredAt: new Date(Number(row.at)).toISOString(),
        answerId: row.answer_id,
      },
    }));
}

/**
 * Accounts whose latest survey answer is a detractor's (NPS at or below npsAtMost, CSAT at or below csatAtMost):
 * one signal, and so one task, per account, with the person's comment. It clears when the account's next answer
 * is a promoter's.
 */
export const detractor: RuleKind<'detractor'> = {
  clearedByActivity: true,
  async detect({ projectId, params, now, runner }) {
    const since = now - params.lookbackDays * DAY_MS;
    return detections(params, await runner.rows(latestAnswersQuery(projectId, since, params.surveyId)));
  },

  /** Cleared when the account's latest answer, later than the signal's, is a promoter's. */
  async resolve({ projectId, params, now, runner }, open) {
    if (!open.length) return [];
    const accounts = [...new Set(open.map((s) => s.account_id ?? ''))];
    const since = now - params.lookbackDays * DAY_MS;
    const rows = await runner.rows(latestAnswersQuery(projectId, since, params.surveyId, accounts));
    const latest = new Map(rows.map((r) => [r.account_id, r]));
    return open.flatMap((s) => {
      const row = latest.get(s.account_id ?? '');
      if (!row || row.answer_id === s.details.answerId || !isPromoter(row)) return [];
      return [
        { signalId: s.id, reason: `next answer a promoter’s: ${kindOf(row).toUpperCase()} ${row.score}` },
      ];
    });
  },

  explain: (d) =>
    `${String(d.kind).toUpperCase()} ${String(d.score)} from ${String(d.userId)}` +
    (d.comment ? `: “${String(d.comment)}”` : ''),
};
