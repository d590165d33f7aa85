import { Injectable } from '@nestjs/common';
import { type FeatureQuery, type FeatureResult } from '@bindery/contracts';
import { daysOf } from '../query/days';
import { QueryRunner } from '../query/query-runner';
import { parseRange } from '../query/range';
import { activeSubjectsQuery, featureUsageQuery, firstUsesQuery } from './features.query';

/** Feature adoption: who uses each feature, who keeps using it, who stopped while staying active. */
@Injectable()
export class FeatureService {
  constructor(private readonly runner: QueryRunner) {}

  async query(projectId: string, q: FeatureQuery): Promise<FeatureResult> {
    const days = daysOf(parseRange(q));
    const [usage, [active], firsts] = await Promise.all([
      this.runner.rows<{ feature: string; subjects: number; repeaters: number; abandoned: number }>(
        featureUsageQuery(projectId, q, days),
      ),
      this.runner.rows<{ active: number }>(activeSubjectsQuery(projectId, q, days)),
      this.runner.rows<{ feature: string; first: number }>(firstUsesQuery(projectId, q, days)),
    ]);
    const firstUse = new Map(firsts.map((f) => [f.feature, f.first]));
    return {
      activeSubjects: active.active,
      features: usage.map((u) => ({
        feature: u.feature,
        subjects: u.subjects,
        shareOfActive: active.active === 0 ? 0 : u.subjects / active.active,
        firstUsedAt: new Date(firstUse.get(u.feature) ?? days.first * 86_400_000).toISOString(),
        repeatRate: u.repeaters / u.subjects,
        abandoned: u.abandoned,
      })),
    };
  }
}
