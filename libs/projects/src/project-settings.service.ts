import { Injectable } from '@nestjs/common';
import { type ProjectSettings } from '@bindery/contracts';
import { AuditRepository, ProjectSettingsRepository } from '@bindery/db';
import { withDefaultSettings } from '@bindery/rules';

/** A project's settings, defaults filled in for what it never set. */
@Injectable()
export class ProjectSettingsService {
  constructor(
    private readonly settings: ProjectSettingsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async get(projectId: string): Promise<ProjectSettings> {
    return withDefaultSettings(await this.settings.get(projectId));
  }

  async put(projectId: string, settings: ProjectSettings, actor: string): Promise<ProjectSettings> {
    await this.settings.put(projectId, settings);
    await this.audit.record({ projectId, actor, action: 'settings.updated', details: settings });
    return settings;
  }
}
