import { Injectable } from '@nestjs/common';
import {
  type FeatureDefinition,
  type FeatureQuery,
  type FeatureResult,
  LIFECYCLE_EVENTS,
} from '@bindery/contracts';
import { parseRange, QueryRunner, zonedDaysOf } from '@bindery/event-queries';
import { activeSubjectsQuery, featureFirstUseQuery, featureUsageQuery } from './features.query';

/** Features a report lists, most subjects first. */
const MAX_FEATURES = 500;

/** Feature adoption: who uses each feature, who keeps using it, who stopped while staying active. */
@Injectable()
export class FeatureReport {
  constructor(private readonly runner: QueryRunner) {}

  /**
   * The report over the features `definitions` list, under their display names; with none, over every feature
   * but the lifecycle events. Its days are those of `timeZone`.
   */
  async run(
    projectId: string,
    q: FeatureQuery,
    definitions: FeatureDefinition[],
    timeZone: string,
  ): Promise<FeatureResult> {
    const days = zonedDaysOf(parseRange(q), timeZone);
    const names = new Map(definitions.map((d) => [d.key, d.name ?? d.key]));
    const selection = definitions.length > 0 ? { only: [...names.keys()] } : { except: LIFECYCLE_EVENTS };
    const [usage, used, [active]] = await Promise.all([
      this.runner.rows(featureUsageQuery(projectId, q, days, selection, timeZone)),
      this.runner.rows(featureFirstUseQuery(projectId, q, days, selection, timeZone)),
      this.runner.rows(activeSubjectsQuery(projectId, q, days, timeZone)),
    ]);
    const byKey = new Map(used.map((u) => [u.key, u]));
    const activeSubjects = active?.active ?? 0;
    const spans = Math.ceil((days.last - days.first + 1) / 7);
    const series = (weekly: [number, number][]) => {
      const values = new Array<number>(spans).fill(0);
      for (const [ago, subjects] of weekly) values[spans - 1 - ago] = subjects;
      return values;
    };
    return {
      activeSubjects,
      features: usage
        .flatMap((u) => {
          // Both queries read the same days; a feature whose first use the other query did not see was
          // stored between the two reads, and waits for the next report.
          const named = byKey.get(u.key);
          if (!named) return [];
          const { feature, first } = named;
          return [
            {
              feature,
              name: names.get(feature) ?? feature,
              subjects: u.subjects,
              shareOfActive: activeSubjects === 0 ? 0 : u.subjects / activeSubjects,
              firstUsedAt: new Date(first).toISOString(),
              repeatRate: u.repeaters / u.subjects,
              abandoned: u.abandoned,
              ...(q.weekly && { weekly: series(u.weekly ?? []) }),
            },
          ];
        })
        .sort(
          (a, b) => b.subjects - a.subjects || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0),
        )
        .slice(0, MAX_FEATURES),
    };
  }
}
