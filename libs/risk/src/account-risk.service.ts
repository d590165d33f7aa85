import { Injectable } from '@nestjs/common';
import { ProjectSettingsRepository, RuleRepository, type Signal, SignalRepository } from '@bindery/db';
import { type AccountRisk, NotFound } from '@bindery/contracts';
import { DAY_MS, QueryRunner, traitsQuery, traitText, usersTraits } from '@bindery/event-queries';
import { keyFeaturesOf, riskDrivers, type RiskInput, withDefaultSettings } from '@bindery/rules';
import {
  accountActionsQuery,
  accountAnswersQuery,
  accountFeatureDaysQuery,
  accountPeopleDaysQuery,
  featureUsersThenAndNowQuery,
} from './account-risk.query';

const PAGE = 500;

/** Why an account's health changed: its score now and some days ago, and what explains the difference. */
@Injectable()
export class AccountRiskService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly settings: ProjectSettingsRepository,
    private readonly signals: SignalRepository,
    private readonly rules: RuleRepository,
  ) {}

  async explain(projectId: string, accountId: string, days: number, now = Date.now()): Promise<AccountRisk> {
    const today = Math.floor(now / DAY_MS);
    const window = { projectId, accountId, thenDay: today - days, today };
    const { healthWeights, keyFeatures } = withDefaultSettings(await this.settings.get(projectId));
    const [people, actions, featureUse, ranking, signals, rules, accountTraits, answers] = await Promise.all([
      this.runner.rows(accountPeopleDaysQuery(window)),
      this.runner.rows(accountActionsQuery(window)),
      this.runner.rows(accountFeatureDaysQuery(window)),
      keyFeatures.length ? [] : this.runner.rows(featureUsersThenAndNowQuery(window)),
      this.accountSignals(projectId, accountId),
      this.rules.findByProject(projectId),
      this.runner.rows(traitsQuery(projectId, 'account', [accountId])),
      this.runner.rows(accountAnswersQuery(window)),
    ]);
    if (!people.length && !signals.length && !accountTraits.length) {
      throw NotFound(`Account ${accountId} not found`);
    }
    const traits = await usersTraits(
      this.runner,
      projectId,
      people.map((p) => p.person),
    );
    const ruleOf = new Map(rules.map((r) => [r.id, r]));
    const input: RiskInput = {
      today,
      days,
      weights: healthWeights,
      keys: {
        then: keyFeaturesOf(
          keyFeatures,
          ranking.map((r) => ({ feature: r.feature, users: r.users_then })),
        ),
        now: keyFeaturesOf(
          keyFeatures,
          ranking.map((r) => ({ feature: r.feature, users: r.users_now })),
        ),
      },
      people: people.map((p) => ({
        id: p.person,
        name: traitText(traits.get(p.person)?.name),
        email: traitText(traits.get(p.person)?.email),
        days: p.days,
      })),
      actions,
      featureUse,
      signals: signals.map((s) => ({
        id: s.id,
        rule: ruleOf.get(s.rule_id)?.name ?? 'A rule since deleted',
        ruleType: ruleOf.get(s.rule_id)?.type ?? String(s.details.type ?? ''),
        userId: s.user_id,
        createdAt: s.created_at.getTime(),
        resolvedAt: s.resolved_at?.getTime() ?? null,
        resolution: s.resolution,
      })),
      answers,
    };
    return { accountId, days, ...riskDrivers(input) };
  }

  /** All the account's signals (any rule, open or resolved), a page at a time. */
  private async accountSignals(projectId: string, accountId: string): Promise<Signal[]> {
    const all: Signal[] = [];
    for (;;) {
      const last = all[all.length - 1];
      const page = await this.signals.list(projectId, {
        accountId,
        limit: PAGE,
        ...(last ? { before: { createdAt: last.created_at, id: last.id } } : {}),
      });
      all.push(...page);
      if (page.length < PAGE) return all;
    }
  }
}
