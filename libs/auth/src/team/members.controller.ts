import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import {
  type AuditList,
  AuditListSchema,
  type AuditQuery,
  AuditQuerySchema,
  type CreatedInvite,
  CreatedInviteSchema,
  type InviteBody,
  InviteBodySchema,
  type Member,
  type MemberList,
  MemberListSchema,
  type MemberParams,
  MemberParamsSchema,
  MemberSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type UpdateMemberBody,
  UpdateMemberBodySchema,
} from '@bindery/contracts';
import { AuditRepository } from '@bindery/db';
import { Endpoint } from '@bindery/server';
import { ProjectAccessGuard } from '../guards';
import { CurrentPrincipal } from './current-principal';
import { type Principal } from './principal';
import { PrincipalsService } from './principals.service';
import { TeamService } from './team.service';

/** A project's members and their roles, invitations, and the audit log. */
@ApiTags('team')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
export class MembersController {
  constructor(
    private readonly team: TeamService,
    private readonly principals: PrincipalsService,
    private readonly audit: AuditRepository,
  ) {}

  @Get('members')
  @Endpoint({
    summary: 'The project’s members and their roles',
    access: 'read',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: MemberListSchema },
    errors: [401, 403],
  })
  async list(@Param() p: ProjectIdParams): Promise<MemberList> {
    return { members: await this.team.list(p.projectId) };
  }

  @Post('members/invites')
  @Endpoint({
    summary: 'Invite someone by email',
    description:
      'Emails a one-time link, good for 7 days, and returns it once. The invited person chooses a password ' +
      'and joins with the role given (not owner).',
    access: 'admin',
    params: ProjectIdParamsSchema,
    body: InviteBodySchema,
    response: { status: 201, schema: CreatedInviteSchema },
    errors: [400, 401, 403],
  })
  invite(
    @Param() p: ProjectIdParams,
    @Body() body: InviteBody,
    @CurrentPrincipal() by: Principal,
  ): Promise<CreatedInvite> {
    return this.team.invite(p.projectId, body, by.actor);
  }

  @Patch('members/:userId')
  @Endpoint({
    summary: 'Change a member’s role or how they hear of P1 tasks',
    description: 'Only an owner makes or unmakes an owner; the last owner stays one (409).',
    access: 'admin',
    params: MemberParamsSchema,
    body: UpdateMemberBodySchema,
    response: { status: 200, schema: MemberSchema },
    errors: [400, 401, 403, 404, 409],
  })
  async update(
    @Param() p: MemberParams,
    @Body() body: UpdateMemberBody,
    @CurrentPrincipal() by: Principal,
  ): Promise<Member> {
    const role = (await this.principals.roleIn(by, p.projectId)) ?? 'viewer';
    return this.team.update(p.projectId, p.userId, body, { actor: by.actor, role });
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @Endpoint({
    summary: 'Remove a member',
    description: 'Their sessions and tokens stop opening the project at once. The last owner stays (409).',
    access: 'admin',
    params: MemberParamsSchema,
    response: { status: 204, schema: Type.Null() },
    errors: [401, 403, 404, 409],
  })
  async remove(@Param() p: MemberParams, @CurrentPrincipal() by: Principal): Promise<void> {
    const role = (await this.principals.roleIn(by, p.projectId)) ?? 'viewer';
    await this.team.remove(p.projectId, p.userId, { actor: by.actor, role });
  }

  @Get('audit')
  @Endpoint({
    summary: 'The audit log: who changed what, newest first',
    description:
      'Changes to settings, keys, rules, funnels, templates and members, and every task change. Filter by ' +
      '`actor` (an email, `api`, `admin`) and by `action` (e.g. `task.updated`, `member.invited`).',
    access: 'admin',
    params: ProjectIdParamsSchema,
    query: AuditQuerySchema,
    response: { status: 200, schema: AuditListSchema },
    errors: [400, 401, 403],
  })
  async auditLog(@Param() p: ProjectIdParams, @Query() q: AuditQuery): Promise<AuditList> {
    const rows = await this.audit.search(p.projectId, q);
    return {
      entries: rows.map((r) => ({
        actor: r.actor,
        action: r.action,
        details: r.details,
        at: r.created_at.toISOString(),
      })),
    };
  }
}
