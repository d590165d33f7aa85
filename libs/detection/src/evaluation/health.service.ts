import { Injectable, Logger } from '@nestjs/common';
import { AccountHealthRepository, ProjectSettingsRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { DAY_MS, type DayWindow, healthBasis, isoDay, withDefaultSettings } from '@bindery/rules';
import { type DayKeys, type HealthSpanData, keyFeaturesByDay, scoreDays } from './health-backfill';
import {
  accountActionsByDayQuery,
  accountFeatureRunsQuery,
  accountUsersByDayQuery,
  featureUsersByDayQuery,
  MAX_HEALTH_SPAN_DAYS,
  mrrQuery,
} from './health.query';

/** Account health and ABC class, computed for each day and kept per day. */
@Injectable()
export class HealthService {
  private readonly logger = new Logger(HealthService.name);

  constructor(
    private readonly runner: QueryRunner,
    private readonly health: AccountHealthRepository,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  /**
   * Scores every account active in the last 90 days (and every account with MRR) for `today`, and stores
   * them; returns how many. The days since the last day scored are scored again with it (that day's score was
   * taken before the day ended), and the whole history of 90 days is computed afresh on a project's first
   * evaluation and whenever its health weights or key features change, so that history and `health_drop`
   * work from the start.
   */
  async refresh(projectId: string, today: number): Promise<number> {
    const { healthWeights, keyFeatures } = withDefaultSettings(await this.settings.get(projectId));
    const fingerprint = healthBasis(healthWeights, keyFeatures);
    const stored = await this.health.basis(projectId);
    const backfill = stored?.fingerprint !== fingerprint;
    const oldest = today - MAX_HEALTH_SPAN_DAYS + 1;
    const lastScored = stored ? Math.floor(Date.parse(stored.lastDay) / DAY_MS) : oldest;
    const span = {
      firstDay: backfill ? oldest : Math.max(oldest, Math.min(lastScored, today)),
      lastDay: today,
    };

    const started = Date.now();
    const data = await this.read(projectId, span, keyFeatures);
    const days = scoreDays(span, data.rows, data.keys, healthWeights);
    await this.health.replaceDays(projectId, {
      days,
      firstDay: isoDay(span.firstDay),
      lastDay: isoDay(today),
      fingerprint,
    });
    if (backfill) {
      this.logger.log(
        { projectId, days: days.length, ms: Date.now() - started },
        stored ? 'health history recomputed for new settings' : 'health history back-filled',
      );
    }
    return days[days.length - 1].rows.length;
  }

  /** The span's inputs: four ClickHouse queries (three with chosen key features) and one Postgres query. */
  private async read(
    projectId: string,
    span: DayWindow,
    chosen: string[],
  ): Promise<{ rows: HealthSpanData; keys: DayKeys[] }> {
    const [users, actions, featureUsers, mrr, openSignals] = await Promise.all([
      this.runner.rows<HealthSpanData['users'][number]>(accountUsersByDayQuery(projectId, span)),
      this.runner.rows<HealthSpanData['actions'][number]>(accountActionsByDayQuery(projectId, span)),
      chosen.length
        ? []
        : this.runner.rows<{ feature: string; users: number[] }>(featureUsersByDayQuery(projectId, span)),
      this.runner.rows<HealthSpanData['mrr'][number]>(mrrQuery(projectId)),
      this.health.openSignalsByDay(projectId, span.firstDay, span.lastDay),
    ]);
    const keys = keyFeaturesByDay(span, chosen, featureUsers);
    const features = [...new Set(keys.flatMap((k) => k.features))];
    const featureRuns = features.length
      ? await this.runner.rows<HealthSpanData['featureRuns'][number]>(
          accountFeatureRunsQuery(projectId, span, features),
        )
      : [];
    return { rows: { users, actions, featureRuns, mrr, openSignals }, keys };
  }
}
