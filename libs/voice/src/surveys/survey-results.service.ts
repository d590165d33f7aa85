import { Injectable } from '@nestjs/common';
import {
  NotFound,
  SEGMENT_BOUNDS,
  type SurveyBreakdown,
  type SurveyKind,
  type SurveyResults,
  type SurveyResultsQuery,
} from '@bindery/contracts';
import { AccountHealthRepository, SurveyRepository } from '@bindery/db';
import { parseRange, QueryRunner, traitsBySubject, traitsQuery, type TraitRow } from '@bindery/event-queries';
import { type AnswerCountsRow, answerCountsQuery, surveyCommentsQuery } from './survey-results.query';

type Counts = Pick<AnswerCountsRow, 'responses' | 'scored' | 'promoters' | 'detractors' | 'total'>;
const zero = (): Counts => ({ responses: 0, scored: 0, promoters: 0, detractors: 0, total: 0 });

/** Adds a row's counts into `into`. */
function add(into: Counts, row: Counts): void {
  into.responses += Number(row.responses);
  into.scored += Number(row.scored);
  into.promoters += Number(row.promoters);
  into.detractors += Number(row.detractors);
  into.total += Number(row.total);
}

/** Counts as the report states them: NPS as % promoters − % detractors, CSAT as % promoters, to 0.1. */
export function breakdown(kind: SurveyKind, c: Counts): SurveyBreakdown {
  const scored = c.scored > 0 && kind !== 'open';
  return {
    responses: c.responses,
    promoters: c.promoters,
    passives: c.scored - c.promoters - c.detractors,
    detractors: c.detractors,
    score: scored
      ? Math.round((1000 * (kind === 'nps' ? c.promoters - c.detractors : c.promoters)) / c.scored) / 10
      : null,
    average: scored ? Math.round((100 * c.total) / c.scored) / 100 : null,
  };
}

/** Sums rows into groups by key. */
function grouped<K>(rows: AnswerCountsRow[], keyOf: (row: AnswerCountsRow) => K): Map<K, Counts> {
  const groups = new Map<K, Counts>();
  for (const row of rows) {
    const key = keyOf(row);
    const counts = groups.get(key) ?? zero();
    add(counts, row);
    groups.set(key, counts);
  }
  return groups;
}

const nullsLast = <K extends string | null>(a: K, b: K) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** A survey's results: its score over time, by plan and by ABC class, and the answers with words. */
@Injectable()
export class SurveyResultsService {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly health: AccountHealthRepository,
    private readonly queries: QueryRunner,
  ) {}

  async query(projectId: string, surveyId: string, q: SurveyResultsQuery): Promise<SurveyResults> {
    const survey = await this.surveys.findById(projectId, surveyId);
    if (!survey) throw NotFound(`Survey ${surveyId} not found`);
    const { from, to } = parseRange(q);
    const scope = { projectId, surveyId, from, to };
    const bounds = SEGMENT_BOUNDS[survey.kind === 'csat' ? 'csat' : 'nps'];
    const [rows, comments] = await Promise.all([
      this.queries.rows(answerCountsQuery(scope, q.interval ?? 'week', bounds)),
      this.queries.rows(surveyCommentsQuery(scope, q.commentsLimit ?? 100)),
    ]);
    const accounts = [...new Set(rows.map((r) => r.account_id).filter((a) => a !== ''))];
    const [plans, abc] = await Promise.all([
      this.plans(projectId, accounts),
      this.health.latest(projectId, accounts),
    ]);
    const kind = survey.kind;
    const table = <K extends string | null, N extends string>(name: N, groups: Map<K, Counts>) =>
      [...groups]
        .sort(([a], [b]) => nullsLast(a, b))
        .map(
          ([key, counts]) => ({ [name]: key, ...breakdown(kind, counts) }) as Record<N, K> & SurveyBreakdown,
        );
    return {
      surveyId,
      kind,
      summary: breakdown(kind, grouped(rows, () => 'all').get('all') ?? zero()),
      overTime: table(
        'period',
        grouped(rows, (r) => r.period),
      ),
      byPlan: table(
        'plan',
        grouped(rows, (r) => plans.get(r.account_id) ?? null),
      ),
      byAbc: table(
        'abc',
        grouped(rows, (r) => abc.get(r.account_id)?.abc ?? null),
      ),
      comments: comments.map((c) => ({
        at: new Date(Number(c.at)).toISOString(),
        userId: c.user_id,
        accountId: c.account_id || null,
        score: c.score === null ? null : Number(c.score),
        comment: c.comment,
      })),
    };
  }

  /** Each account's current `plan` trait, as text. */
  private async plans(projectId: string, accounts: string[]): Promise<Map<string, string>> {
    if (accounts.length === 0) return new Map();
    const rows = await this.queries.rows<TraitRow>(traitsQuery(projectId, 'account', accounts));
    const plans = new Map<string, string>();
    for (const [account, traits] of traitsBySubject(rows)) {
      const plan = traits['plan'];
      if (typeof plan === 'string' || typeof plan === 'number' || typeof plan === 'boolean') {
        plans.set(account, String(plan));
      }
    }
    return plans;
  }
}
