import { Injectable, Logger } from '@nestjs/common';
import { AccountHealthRepository, ProjectSettingsRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { DAY_MS, type DayWindow, healthBasis, isoDay, withDefaultSettings } from '@bindery/rules';
import { ActionCounts, DailyActions } from './daily-usage';
import { receivedSince } from './receipt';
import {
  ACTION_DAYS,
  actionWindows,
  type DayKeys,
  type HealthSpanData,
  keyFeaturesByDay,
  scoreDays,
} from './health-backfill';
import {
  accountFeatureRunsQuery,
  accountSentimentByDayQuery,
  accountUsersByDayQuery,
  featureUsersByDayQuery,
  firstLateDayQuery,
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
    private readonly actionCounts: ActionCounts,
  ) {}

  /**
   * Scores every account active in the last 90 days (and every account with MRR) for the day of `now`, and
   * stores them; returns how many. The days since the last day scored are scored again with it (that day's
   * score was taken before the day ended), and so are the days of events received since the last scoring
   * (late events, an import of history); the whole history of 90 days is computed afresh on a project's first
   * evaluation and whenever its health weights or key features change, so that history and `health_drop`
   * work from the start. Actions per day come from `actions`, the evaluation's read shared with the rules.
   */
  async refresh(
    projectId: string,
    now: number,
    actions = new DailyActions(this.actionCounts, projectId),
  ): Promise<number> {
    const today = Math.floor(now / DAY_MS);
    const { healthWeights, keyFeatures } = withDefaultSettings(await this.settings.get(projectId));
    const fingerprint = healthBasis(healthWeights, keyFeatures);
    const stored = await this.health.basis(projectId);
    const backfill = stored?.fingerprint !== fingerprint;
    const oldest = today - MAX_HEALTH_SPAN_DAYS + 1;
    const lastScored = stored ? Math.floor(Date.parse(stored.lastDay) / DAY_MS) : oldest;
    const late = !backfill && stored?.scoredAt ? await this.firstLateDay(projectId, stored.scoredAt) : today;
    const span = {
      firstDay: backfill ? oldest : Math.max(oldest, Math.min(lastScored, late, today)),
      lastDay: today,
    };

    const started = Date.now();
    const data = await this.read(projectId, span, keyFeatures, actions, new Date(now));
    const days = scoreDays(span, data.rows, data.keys, healthWeights);
    await this.health.replaceDays(projectId, {
      days,
      firstDay: isoDay(span.firstDay),
      lastDay: isoDay(today),
      fingerprint,
      scoredAt: new Date(now),
    });
    if (backfill) {
      this.logger.log(
        { projectId, days: days.length, ms: Date.now() - started },
        stored ? 'health history recomputed for new settings' : 'health history back-filled',
      );
    }
    return days.at(-1)?.rows.length ?? 0;
  }

  /** The first day of an action stored since the scoring at `since`; `Infinity` when none was. */
  private async firstLateDay(projectId: string, since: Date): Promise<number> {
    const [row] = await this.runner.rows(firstLateDayQuery(projectId, receivedSince(since.getTime())));
    return row?.first_day ? row.first_day : Infinity;
  }

  /**
   * The span's inputs: the actions per day, five ClickHouse queries (four with chosen key features) and one
   * Postgres query, of the signals as they stood at `asOf` (the evaluation's rules write theirs meanwhile).
   */
  private async read(
    projectId: string,
    span: DayWindow,
    chosen: string[],
    dailyActions: DailyActions,
    asOf: Date,
  ): Promise<{ rows: HealthSpanData; keys: DayKeys[] }> {
    const [users, actions, featureUsers, mrr, openSignals, sentiment] = await Promise.all([
      this.runner.rows(accountUsersByDayQuery(projectId, span)),
      dailyActions
        .rows({ firstDay: span.firstDay - ACTION_DAYS + 1, lastDay: span.lastDay })
        .then((rows) => actionWindows(span, rows)),
      chosen.length ? [] : this.runner.rows(featureUsersByDayQuery(projectId, span)),
      this.runner.rows(mrrQuery(projectId)),
      this.health.openSignalsByDay(projectId, span.firstDay, span.lastDay, asOf),
      this.runner.rows(accountSentimentByDayQuery(projectId, span)),
    ]);
    const keys = keyFeaturesByDay(span, chosen, featureUsers);
    const features = [...new Set(keys.flatMap((k) => k.features))];
    const featureRuns = features.length
      ? await this.runner.rows(accountFeatureRunsQuery(projectId, span, features))
      : [];
    return { rows: { users, actions, featureRuns, mrr, openSignals, sentiment }, keys };
  }
}
