import { Injectable } from '@nestjs/common';
import { type AccountOverview, type AccountOverviewQuery } from '@bindery/contracts';
import { ProjectSettingsRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { withDefaultSettings } from '@bindery/rules';
import { accountActivityCountsQuery } from './account-facts.query';
import { AccountFactsService } from './account-facts.service';
import { atRiskOrder } from './account-ranking';
import { AccountsService, asOfDayOf } from './accounts.service';

/** Scores this close above the at-risk line are worth watching (the dashboard's amber badge). */
export const WATCH_BAND = 20;

const collator = new Intl.Collator();

/** The accounts of a project summed up on the server: how many are active, healthy, at risk, and which first. */
@Injectable()
export class AccountOverviewService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly facts: AccountFactsService,
    private readonly accounts: AccountsService,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  async overview(projectId: string, q: AccountOverviewQuery): Promise<AccountOverview> {
    const day = asOfDayOf(q.asOf);
    const [facts, [counts], stored] = await Promise.all([
      this.facts.load(projectId, day),
      this.runner.rows(accountActivityCountsQuery(projectId, day)),
      this.settings.get(projectId),
    ]);
    const { atRiskBelow } = withDefaultSettings(stored);
    const health = { atRisk: 0, watch: 0, healthy: 0, unscored: 0 };
    const abc = { A: 0, B: 0, C: 0, none: 0 };
    const mrr = { total: 0, atRisk: 0 };
    const csms = new Map<string, number>();
    for (const a of facts) {
      if (a.score === null) health.unscored++;
      else if (a.score < atRiskBelow) health.atRisk++;
      else if (a.score < atRiskBelow + WATCH_BAND) health.watch++;
      else health.healthy++;
      abc[a.abc ?? 'none']++;
      mrr.total += a.mrr ?? 0;
      if (a.score !== null && a.score < atRiskBelow) mrr.atRisk += a.mrr ?? 0;
      if (a.csm !== null) csms.set(a.csm, (csms.get(a.csm) ?? 0) + 1);
    }
    const top = atRiskOrder(facts, atRiskBelow).slice(0, q.top);
    return {
      atRiskBelow,
      accounts: {
        total: counts?.total ?? 0,
        activeToday: counts?.today ?? 0,
        active7d: counts?.week ?? 0,
        active30d: counts?.month ?? 0,
      },
      health,
      abc,
      mrr,
      atRisk: await this.accounts.items(
        projectId,
        top.map((a) => a.id),
        day,
      ),
      csms: [...csms]
        .sort(([a], [b]) => collator.compare(a, b))
        .map(([email, accounts]) => ({ email, accounts })),
    };
  }
}
