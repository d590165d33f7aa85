import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import {
  type AcceptInviteBody,
  Conflict,
  type CreatedInvite,
  type CreateUserBody,
  Forbidden,
  InvalidInput,
  type InviteBody,
  type Member,
  type MemberRole,
  NotFound,
  parseEmailAddress,
  PLAIN_EMAIL_ADDRESS,
  type SessionInfo,
  type UpdateMemberBody,
} from '@bindery/contracts';
import {
  AuditRepository,
  InviteRepository,
  MembershipRepository,
  ProjectRepository,
  UserRepository,
} from '@bindery/db';
import { hashKey } from '../keys';
import { hashPassword } from '../passwords';
import { TeamMail } from './team-mail';

/** How long an invitation and a password-reset link stay good. */
const INVITE_DAYS = 7;
const RESET_MINUTES = 60;

/** Users, members and their roles, invitations and password resets. */
@Injectable()
export class TeamService {
  constructor(
    private readonly users: UserRepository,
    private readonly members: MembershipRepository,
    private readonly invites: InviteRepository,
    private readonly projects: ProjectRepository,
    private readonly audit: AuditRepository,
    private readonly mail: TeamMail,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  /** Creates a user (or finds the one with this email) and makes them a member, by default an owner. */
  async createUser(body: CreateUserBody, actor: string): Promise<Member> {
    const email = checkedEmail(body.email);
    if (!(await this.projects.findById(body.projectId)))
      throw NotFound(`Project ${body.projectId} not found`);
    const user = await this.users.findOrCreate({
      id: uuidv7(),
      email,
      name: body.name?.trim() ?? '',
      passwordHash: await hashPassword(body.password),
    });
    const role = body.role ?? 'owner';
    await this.members.upsert(body.projectId, user.id, role);
    await this.audit.record({
      projectId: body.projectId,
      actor,
      action: 'member.added',
      details: { email, role },
    });
    return this.member(body.projectId, user.id);
  }

  async sessionInfo(userId: string, csrfToken: string): Promise<SessionInfo> {
    const user = await this.users.findById(userId);
    if (!user) throw NotFound('This user no longer exists');
    const projects = await this.members.listByUser(userId);
    return {
      user: { id: user.id, email: user.email, name: user.name },
      csrfToken,
      projects: projects.map((p) => ({ projectId: p.project_id, name: p.name, role: p.role })),
    };
  }

  async list(projectId: string): Promise<Member[]> {
    return (await this.members.listByProject(projectId)).map(toMember);
  }

  /** Changes a member's role or P1 notice; only an owner makes or unmakes an owner, and one owner stays. */
  async update(
    projectId: string,
    userId: string,
    change: UpdateMemberBody,
    by: { actor: string; role: MemberRole },
  ): Promise<Member> {
    const current = await this.members.roleOf(projectId, userId);
    if (!current) throw NotFound('No such member');
    if (change.role && change.role !== current) {
      if ((change.role === 'owner' || current === 'owner') && by.role !== 'owner') {
        throw Forbidden('Only an owner can make or unmake an owner');
      }
      if (current === 'owner' && (await this.members.countOwners(projectId)) <= 1) {
        throw Conflict('A project keeps at least one owner: make someone else owner first');
      }
    }
    await this.members.update(projectId, userId, { role: change.role, p1_notice: change.p1Notice });
    await this.audit.record({
      projectId,
      actor: by.actor,
      action: 'member.updated',
      details: { userId, ...change },
    });
    return this.member(projectId, userId);
  }

  /** Removes a member: their sessions and tokens stop opening this project at once. */
  async remove(projectId: string, userId: string, by: { actor: string; role: MemberRole }): Promise<void> {
    const current = await this.members.roleOf(projectId, userId);
    if (!current) throw NotFound('No such member');
    if (current === 'owner') {
      if (by.role !== 'owner') throw Forbidden('Only an owner can remove an owner');
      if ((await this.members.countOwners(projectId)) <= 1)
        throw Conflict('A project keeps at least one owner');
    }
    await this.members.remove(projectId, userId);
    await this.audit.record({ projectId, actor: by.actor, action: 'member.removed', details: { userId } });
  }

  /** Invites an address with a one-time link, emailed and returned once. */
  async invite(projectId: string, body: InviteBody, actor: string): Promise<CreatedInvite> {
    const email = checkedEmail(body.email);
    const project = await this.projects.findById(projectId);
    if (!project) throw NotFound(`Project ${projectId} not found`);
    const token = `inv_${randomBytes(32).toString('base64url')}`;
    const id = uuidv7();
    const expiresAt = new Date(Date.now() + INVITE_DAYS * 86_400_000);
    await this.invites.create({
      id,
      projectId,
      email,
      role: body.role,
      tokenHash: hashKey(token),
      invitedBy: actor,
      expiresAt,
    });
    const link = `${this.config.publicUrl}/invite#${token}`;
    await this.mail.send(
      email,
      `You are invited to ${project.name} on Bindery`,
      `${actor} invited you to the project ${project.name} on Bindery, as ${body.role}.\n\n` +
        `Open this link to choose your password and sign in (it works once, for ${INVITE_DAYS} days):\n${link}\n`,
    );
    await this.audit.record({
      projectId,
      actor,
      action: 'member.invited',
      details: { email, role: body.role },
    });
    return { id, email, role: body.role, expiresAt: expiresAt.toISOString(), link };
  }

  /** Accepts an invitation: the user (created with the password if new) joins the project; returns their id. */
  async accept(body: AcceptInviteBody): Promise<string> {
    const invite = await this.invites.findByHash(hashKey(body.token));
    const now = new Date();
    if (!invite || invite.accepted_at || invite.expires_at <= now) {
      throw NotFound(
        'This invitation link was used already or has expired: ask an admin of the project for a new one',
      );
    }
    const existing = await this.users.findByEmail(invite.email);
    if (!existing && !body.password) throw InvalidInput('Choose a password of at least 10 characters');
    if (!(await this.invites.accept(invite.id, now))) throw NotFound('This invitation link was used already');
    const user =
      existing ??
      (await this.users.findOrCreate({
        id: uuidv7(),
        email: invite.email,
        name: body.name?.trim() ?? '',
        passwordHash: await hashPassword(body.password ?? ''),
      }));
    await this.members.upsert(invite.project_id, user.id, invite.role);
    await this.audit.record({
      projectId: invite.project_id,
      actor: user.email,
      action: 'member.joined',
      details: { role: invite.role, invitedBy: invite.invited_by },
    });
    return user.id;
  }

  /** Emails a reset link when the address is a user's; answers alike either way. */
  async requestReset(address: string): Promise<void> {
    const email = parseEmailAddress(address);
    const user = email ? await this.users.findByEmail(email) : undefined;
    if (!user) return;
    const token = `rst_${randomBytes(32).toString('base64url')}`;
    await this.users.addPasswordReset({
      tokenHash: hashKey(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000),
    });
    await this.mail.send(
      user.email,
      'Reset your Bindery password',
      `Someone asked to reset the password of ${user.email} on Bindery.\n\n` +
        `Open this link to choose a new one (it works once, for ${RESET_MINUTES} minutes):\n` +
        `${this.config.publicUrl}/reset-password#${token}\n\nIf it was not you, ignore this message.\n`,
    );
  }

  /** Sets a new password from a reset link and ends the user's sessions everywhere. */
  async resetPassword(token: string, password: string): Promise<void> {
    const userId = await this.users.usePasswordReset(hashKey(token), new Date());
    if (!userId) throw NotFound('This reset link was used already or has expired: ask for a new one');
    await this.users.setPassword(userId, await hashPassword(password));
    await this.users.deleteSessions(userId);
  }

  private async member(projectId: string, userId: string): Promise<Member> {
    const row = (await this.members.listByProject(projectId)).find((m) => m.user_id === userId);
    if (!row) throw NotFound('No such member');
    return toMember(row);
  }
}

function checkedEmail(value: string): string {
  const email = parseEmailAddress(value);
  if (!email) throw InvalidInput(`email must be ${PLAIN_EMAIL_ADDRESS}`);
  return email;
}

function toMember(row: {
  user_id: string;
  email: string;
  name: string;
  role: MemberRole;
  p1_notice: Member['p1Notice'];
  created_at: Date;
}): Member {
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    p1Notice: row.p1_notice,
    since: row.created_at.toISOString(),
  };
}
