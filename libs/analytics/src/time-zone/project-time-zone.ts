import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_TIME_ZONE } from '@bindery/contracts';
import { ProjectSettingsRepository } from '@bindery/db';

/** The time zone whose days a project's reports count in. */
@Injectable()
export class ProjectTimeZone {
  constructor(
    @Inject(ProjectSettingsRepository) private readonly settings: Pick<ProjectSettingsRepository, 'get'>,
  ) {}

  /** The project's `timeZone` setting, else UTC. */
  async of(projectId: string): Promise<string> {
    return (await this.settings.get(projectId))?.timeZone ?? DEFAULT_TIME_ZONE;
  }
}
