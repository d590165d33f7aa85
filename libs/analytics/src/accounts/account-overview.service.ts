import { Injectable } from '@nestjs/common';
import { type AccountOverview, type AccountOverviewQuery, WATCH_BAND } from '@bindery/contracts';
import { ProjectSettingsRepository } from '@bindery/db';
import { DAY_MS } from '@bindery/event-queries';
import { withDefaultSettings } from '@bindery/rules';
import { AccountFactsService } from './account-facts.service';
import { atRiskOrder } from './account-ranking';
import { AccountsService, asOfDayOf } from './accounts.service';

const collator = new Intl.Collator();

/** The accounts of a project summed up on the server: how many are active, healthy, at risk, and which first. */
@Injectable()
export class AccountOverviewService {
  constructor(
    private readonly facts: AccountFactsService,
    private readonly accounts: AccountsService,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  async overview(projectId: string, q: AccountOverviewQuery): Promise<AccountOverview> {
    const day = asOfDayOf(q.asOf);
    const [facts, stored] = await Promise.all([
      this.facts.facts(projectId, day),
      this.settings.get(projectId),
    ]);
    const { atRiskBelow } = withDefaultSettings(stored);
    // Active on D, D−6..D, D−29..D: the last action on or before D falls there.
    const accounts = { total: facts.length, activeToday: 0, active7d: 0, active30d: 0 };
    const health = { atRisk: 0, watch: 0, healthy: 0, unscored: 0 };
    const abc = { A: 0, B: 0, C: 0, none: 0 };
    const mrr = { total: 0, atRisk: 0 };
    const csms = new Map<string, number>();
    for (const a of facts) {
      const quiet = a.lastSeen === null ? Infinity : day - Math.floor(a.lastSeen / DAY_MS);
      if (quiet < 1) accounts.activeToday++;
      if (quiet < 7) accounts.active7d++;
      if (quiet < 30) accounts.active30d++;
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
      accounts,
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
