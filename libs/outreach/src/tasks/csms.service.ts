import { Injectable } from '@nestjs/common';
import { type CsmList } from '@bindery/contracts';
import { MembershipRepository, ProjectSettingsRepository, TaskRepository } from '@bindery/db';
import { withDefaultSettings } from '@bindery/rules';
import { csmAlerts } from './csm-alerts';

/**
 * The people a task can be given to: the project's listed CSMs, its members with the csm role, and whoever
 * holds a live task now; each says whether they are a member (the address an account's `csm_email` trait
 * must match, in any case) and how they hear of P1 tasks (a member's own choice first).
 */
@Injectable()
export class CsmsService {
  constructor(
    private readonly settings: ProjectSettingsRepository,
    private readonly tasks: TaskRepository,
    private readonly members: MembershipRepository,
  ) {}

  /** The listed CSMs in the settings' order, then the csm members, then the other assignees of live tasks. */
  async list(projectId: string): Promise<CsmList> {
    const settings = withDefaultSettings(await this.settings.get(projectId));
    const live = new Map(
      (await this.tasks.liveByAssignee(projectId)).map((a) => [a.assignee.toLowerCase(), a.tasks]),
    );
    const members = new Map((await this.members.listByProject(projectId)).map((m) => [m.email, m]));
    const alerts = (email: string) => csmAlerts(settings, email, members.get(email)?.p1_notice);
    const listed = new Set<string>();
    const csms: CsmList['csms'] = [];
    for (const csm of settings.csms) {
      const email = csm.email.toLowerCase();
      if (listed.has(email)) continue;
      listed.add(email);
      csms.push({
        email,
        name: csm.name ?? (members.get(email)?.name || null),
        alerts: alerts(email),
        listed: true,
        member: members.has(email),
        liveTasks: live.get(email) ?? 0,
      });
    }
    for (const member of members.values()) {
      if (member.role !== 'csm' || listed.has(member.email)) continue;
      listed.add(member.email);
      csms.push({
        email: member.email,
        name: member.name || null,
        alerts: alerts(member.email),
        listed: true,
        member: true,
        liveTasks: live.get(member.email) ?? 0,
      });
    }
    for (const [email, tasks] of live) {
      if (listed.has(email)) continue;
      csms.push({
        email,
        name: members.get(email)?.name || null,
        alerts: alerts(email),
        listed: false,
        member: members.has(email),
        liveTasks: tasks,
      });
    }
    return { csms };
  }
}
