import { Injectable } from '@nestjs/common';
import { AccountHealthRepository, ProjectSettingsRepository, SignalRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { abcClasses, DAY_MS, healthScore, isoDay, withDefaultSettings } from '@bindery/rules';
import { healthInputsQuery, keyFeatureCountQuery, mrrQuery } from './rule-inputs.query';

interface HealthRow {
  account_id: string;
  last_day: number;
  active30: number;
  users90: number;
  events7: number;
  baseline7: number;
  key_features: number;
}

/** A trait's JSON text as a number, when it is one (MRR may arrive as 1200 or "1200"). */
function asNumber(text: string): number | null {
  try {
    const value: unknown = JSON.parse(text);
    const n = typeof value === 'string' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

/** Account health and ABC class, computed for a day and kept per day. */
@Injectable()
export class HealthService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly health: AccountHealthRepository,
    private readonly signals: SignalRepository,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  /** Scores every account active in the last 90 days (and every account with MRR) for `today`, and stores them. */
  async refresh(projectId: string, today: number): Promise<number> {
    const { healthWeights, keyFeatures } = withDefaultSettings(await this.settings.get(projectId));
    const chosen = keyFeatures.length ? keyFeatures : undefined;
    const [rows, [keys], mrr, open] = await Promise.all([
      this.runner.rows<HealthRow>(healthInputsQuery(projectId, today, chosen)),
      chosen
        ? [{ n: chosen.length }]
        : this.runner.rows<{ n: number }>(keyFeatureCountQuery(projectId, today)),
      this.runner.rows<{ account_id: string; mrr: string }>(mrrQuery(projectId)),
      this.signals.countOpenByAccount(projectId, new Date((today - 29) * DAY_MS)),
    ]);
    const inputs = new Map(rows.map((r) => [r.account_id, r]));
    const mrrOf = new Map(mrr.map((m) => [m.account_id, asNumber(m.mrr)]));
    const accounts = [...new Set([...inputs.keys(), ...mrrOf.keys()])];
    const abc = abcClasses(accounts.map((accountId) => ({ accountId, mrr: mrrOf.get(accountId) ?? null })));
    const scores = accounts.map((accountId) => {
      const r = inputs.get(accountId);
      const { score, components } = healthScore(
        {
          daysSinceLastSeen: r ? today - r.last_day : null,
          activeUsers30d: r?.active30 ?? 0,
          users90d: r?.users90 ?? 0,
          keyFeaturesUsed30d: r?.key_features ?? 0,
          keyFeatures: keys.n,
          events7d: r?.events7 ?? 0,
          baselineEvents7d: r?.baseline7 ?? 0,
          openSignals: open.get(accountId) ?? 0,
        },
        healthWeights,
      );
      return { accountId, score, components, abc: abc.get(accountId) ?? 'C' };
    });
    await this.health.upsertMany(projectId, isoDay(today), scores);
    return scores.length;
  }
}
