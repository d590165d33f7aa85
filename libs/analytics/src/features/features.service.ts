import { Injectable } from '@nestjs/common';
import { type FeatureQuery, type FeatureResult } from '@bindery/contracts';
import { ProjectSettingsRepository } from '@bindery/db';
import { FeatureReport } from './feature-report';

/** Feature adoption of the features the project defines (its `features` setting). */
@Injectable()
export class FeatureService {
  constructor(
    private readonly report: FeatureReport,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  async query(projectId: string, q: FeatureQuery): Promise<FeatureResult> {
    return this.report.run(projectId, q, (await this.settings.get(projectId))?.features ?? []);
  }
}
