import { Injectable } from '@nestjs/common';
import { type CsmList } from '@bindery/contracts';
import { ProjectSettingsRepository, TaskRepository } from '@bindery/db';
import { withDefaultSettings } from '@bindery/rules';
import { csmAlerts } from './csm-alerts';

/** The people a task can be given to: the project's listed CSMs and whoever holds a live task now. */
@Injectable()
export class CsmsService {
  constructor(
    private readonly settings: ProjectSettingsRepository,
    private readonly tasks: TaskRepository,
  ) {}

  /** The listed CSMs in the settings' order, then the other assignees of live tasks by email. */
  async list(projectId: string): Promise<CsmList> {
    const settings = withDefaultSettings(await this.settings.get(projectId));
    const live = new Map(
      (await this.tasks.liveByAssignee(projectId)).map((a) => [a.assignee.toLowerCase(), a.tasks]),
    );
    const listed = new Set<string>();
    const csms: CsmList['csms'] = [];
    for (const csm of settings.csms) {
      const email = csm.email.toLowerCase();
      if (listed.has(email)) continue;
      listed.add(email);
      csms.push({
        email,
        name: csm.name ?? null,
        alerts: csmAlerts(settings, email),
        listed: true,
        liveTasks: live.get(email) ?? 0,
      });
    }
    for (const [email, tasks] of live) {
      if (listed.has(email)) continue;
      csms.push({ email, name: null, alerts: csmAlerts(settings, email), listed: false, liveTasks: tasks });
    }
    return { csms };
  }
}
