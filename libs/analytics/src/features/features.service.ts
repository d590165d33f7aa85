import { Injectable } from '@nestjs/common';
import { type FeatureQuery, type FeatureResult } from '@bindery/contracts';
import { activeSubjectsQuery, featureUsageQuery, firstUsesQuery, weeklyUsersQuery } from './features.query';
import { daysOf, parseRange, QueryRunner } from '@bindery/event-queries';

/** Features a report lists, most subjects first. */
const MAX_FEATURES = 500;

/** Feature adoption: who uses each feature, who keeps using it, who stopped while staying active. */
@Injectable()
export class FeatureService {
  constructor(private readonly runner: QueryRunner) {}

  async query(projectId: string, q: FeatureQuery): Promise<FeatureResult> {
    const days = daysOf(parseRange(q));
    const [usage, [active], features, weekly] = await Promise.all([
      this.runner.rows<{ f: string; subjects: number; repeaters: number; abandoned: number }>(
        featureUsageQuery(projectId, q, days),
      ),
      this.runner.rows<{ active: number }>(activeSubjectsQuery(projectId, q, days)),
      this.runner.rows<{ feature: string; f: string; first: number }>(firstUsesQuery(projectId, q, days)),
      q.weekly
        ? this.runner.rows<{ f: string; ago: number; subjects: number }>(weeklyUsersQuery(projectId, q, days))
        : [],
    ]);
    const named = new Map(features.map((f) => [f.f, f]));
    const spans = Math.ceil((days.last - days.first + 1) / 7);
    const noUse = () => new Array<number>(spans).fill(0);
    const series = new Map<string, number[]>();
    for (const w of weekly) {
      let values = series.get(w.f);
      if (!values) series.set(w.f, (values = noUse()));
      values[spans - 1 - w.ago] = w.subjects;
    }
    return {
      activeSubjects: active.active,
      features: usage
        .flatMap((u) => {
          const feature = named.get(u.f);
          if (!feature) return [];
          return [
            {
              feature: feature.feature,
              subjects: u.subjects,
              shareOfActive: active.active === 0 ? 0 : u.subjects / active.active,
              firstUsedAt: new Date(feature.first).toISOString(),
              repeatRate: u.repeaters / u.subjects,
              abandoned: u.abandoned,
              ...(q.weekly && { weekly: series.get(u.f) ?? noUse() }),
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
