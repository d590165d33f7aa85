import { Injectable } from '@nestjs/common';
import { DEFAULT_TIME_ZONE, type FeatureQuery, type FeatureResult } from '@bindery/contracts';
import { ProjectSettingsRepository } from '@bindery/db';
import { FeatureReport } from './feature-report';

/** Feature adoption of the features the project defines (its `features` setting), by days of its time zone. */
@Injectable()
export class FeatureService {
  constructor(
    private readonly report: FeatureReport,
    private readonly settings: ProjectSettingsRepository,
  ) {}

  async query(projectId: string, q: FeatureQuery): Promise<FeatureResult> {
    const settings = await this.settings.get(projectId);
    return this.report.run(projectId, q, settings?.features ?? [], settings?.timeZone ?? DEFAULT_TIME_ZONE);
  }
}
