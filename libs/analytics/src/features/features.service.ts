import { Injectable } from '@nestjs/common';
import { type FeatureQuery, type FeatureResult } from '@bindery/contracts';
import { activeSubjectsQuery, featureUsageQuery, type FeatureUsageRow } from './features.query';
import { daysOf, parseRange, QueryRunner } from '@bindery/event-queries';

/** Features a report lists, most subjects first. */
const MAX_FEATURES = 500;

/** Feature adoption: who uses each feature, who keeps using it, who stopped while staying active. */
@Injectable()
export class FeatureService {
  constructor(private readonly runner: QueryRunner) {}

  async query(projectId: string, q: FeatureQuery): Promise<FeatureResult> {
    const days = daysOf(parseRange(q));
    const [usage, [active]] = await Promise.all([
      this.runner.rows<FeatureUsageRow>(featureUsageQuery(projectId, q, days)),
      this.runner.rows<{ active: number }>(activeSubjectsQuery(projectId, q, days)),
    ]);
    const spans = Math.ceil((days.last - days.first + 1) / 7);
    const series = (weekly: [number, number][]) => {
      const values = new Array<number>(spans).fill(0);
      for (const [ago, subjects] of weekly) values[spans - 1 - ago] = subjects;
      return values;
    };
    return {
      activeSubjects: active.active,
      features: usage
        .map((u) => ({
          feature: u.feature,
          subjects: u.subjects,
          shareOfActive: active.active === 0 ? 0 : u.subjects / active.active,
          firstUsedAt: new Date(u.first).toISOString(),
          repeatRate: u.repeaters / u.subjects,
          abandoned: u.abandoned,
          ...(q.weekly && { weekly: series(u.weekly ?? []) }),
        }))
        .sort(
          (a, b) => b.subjects - a.subjects || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0),
        )
        .slice(0, MAX_FEATURES),
    };
  }
}
