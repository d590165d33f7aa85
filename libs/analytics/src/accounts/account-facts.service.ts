import { Injectable } from '@nestjs/common';
import { AccountHealthRepository, TaskRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import {
  accountActivityFactsQuery,
  accountLastSeenQuery,
  accountTraitFactsQuery,
} from './account-facts.query';
import { type AccountFacts, type ExtraFacts, numberOf, textOf, trendOf } from './account-ranking';

/**
 * Every account of a project as one narrow row (traits, latest health, and the one extra column a sort needs),
 * read with one query a store: what ranks the accounts list and sums up the overview without loading summaries.
 */
@Injectable()
export class AccountFactsService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly health: AccountHealthRepository,
    private readonly tasks: TaskRepository,
  ) {}

  async load(projectId: string, asOfDay: number, extra: ExtraFacts = null): Promise<AccountFacts[]> {
    const [traits, scores, more] = await Promise.all([
      this.runner.rows(accountTraitFactsQuery(projectId)),
      this.health.latestScores(projectId),
      this.extra(projectId, asOfDay, extra),
    ]);
    return traits.map((t) => {
      const health = scores.get(t.id);
      return {
        id: t.id,
        name: textOf(t.name) ?? t.id,
        csm: textOf(t.csm),
        mrr: numberOf(t.mrr),
        score: health?.score ?? null,
        abc: health?.abc ?? null,
        ...more(t.id),
      };
    });
  }

  /** The extra column of each account, by id. */
  private async extra(
    projectId: string,
    asOfDay: number,
    extra: ExtraFacts,
  ): Promise<(id: string) => Partial<AccountFacts>> {
    switch (extra) {
      case 'activity': {
        const rows = new Map(
          (await this.runner.rows(accountActivityFactsQuery(projectId, asOfDay))).map((r) => [r.id, r]),
        );
        return (id) => {
          const r = rows.get(id);
          return r
            ? { active7: r.active7, active30: r.active30, trend: trendOf(r.last_week, r.prior_weeks) }
            : { active7: 0, active30: 0, trend: null };
        };
      }
      case 'lastSeen': {
        const rows = new Map(
          (await this.runner.rows(accountLastSeenQuery(projectId, asOfDay))).map((r) => [r.id, r.last_seen]),
        );
        return (id) => ({ lastSeen: rows.get(id) ?? null });
      }
      case 'openTasks': {
        const counts = await this.tasks.activeCountByAccount(projectId);
        return (id) => ({ openTasks: counts.get(id) ?? 0 });
      }
      case null:
        return () => ({});
    }
  }
}
