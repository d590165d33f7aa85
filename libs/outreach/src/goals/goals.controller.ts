import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Author, ProjectAccessGuard } from '@bindery/auth';
import {
  type Goal,
  type GoalIdParams,
  GoalIdParamsSchema,
  type GoalInput,
  GoalInputSchema,
  type GoalList,
  GoalListSchema,
  type GoalPatch,
  GoalPatchSchema,
  GoalSchema,
  type GoalSnapshotList,
  GoalSnapshotListSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { GoalsService } from './goals.service';

const GOALS =
  'A goal is a target on one of the project’s metrics, measured each week (Monday to Sunday, UTC) or month: ' +
  'logo_retention (params.days: of the accounts active in the days before a period, the share active in ' +
  'it), active_share (the share of the accounts known in params.days, default 90, active in the period), ' +
  'feature_adoption (params.feature: the share of active accounts using it), average_health (the mean ' +
  'stored health on the period’s last day), repeat_use (params.periods, default 12: the mean number of ' +
  'those periods an account was active in), customer_age (mean days since the customer_since trait or the ' +
  'first action) and nps (params.surveyId: an NPS survey). Percentages are 0–100. A goal is on track when its ' +
  'value is at_least (default) or at_most the target. Each ended period is snapshotted once, from the one ' +
  'before the goal was created; changing the metric, its params or the cadence restarts the history.';

/** Retention goals: what the project aims for on its own metrics, and how each period went. */
@ApiTags('goals')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Get('goals')
  @Endpoint({
    access: 'read',
    summary: 'List goals, oldest first, each with its newest snapshot and the one before',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: GoalListSchema },
    errors: [401, 403],
  })
  list(@Param() p: ProjectIdParams): Promise<GoalList> {
    return this.goals.list(p.projectId);
  }

  @Post('goals')
  @Endpoint({
    access: 'admin',
    summary: 'Create a goal',
    description: GOALS,
    params: ProjectIdParamsSchema,
    body: GoalInputSchema,
    response: { status: 201, schema: GoalSchema },
    errors: [400, 401, 403],
  })
  create(@Param() p: ProjectIdParams, @Body() body: GoalInput, @Author() actor: string): Promise<Goal> {
    return this.goals.create(p.projectId, body, actor);
  }

  @Get('goals/:goalId')
  @Endpoint({
    access: 'read',
    summary: 'Get a goal',
    params: GoalIdParamsSchema,
    response: { status: 200, schema: GoalSchema },
    errors: [401, 403, 404],
  })
  get(@Param() p: GoalIdParams): Promise<Goal> {
    return this.goals.get(p.projectId, p.goalId);
  }

  @Patch('goals/:goalId')
  @Endpoint({
    access: 'admin',
    summary: 'Change a goal',
    description: GOALS,
    params: GoalIdParamsSchema,
    body: GoalPatchSchema,
    response: { status: 200, schema: GoalSchema },
    errors: [400, 401, 403, 404],
  })
  update(@Param() p: GoalIdParams, @Body() body: GoalPatch, @Author() actor: string): Promise<Goal> {
    return this.goals.update(p.projectId, p.goalId, body, actor);
  }

  @Delete('goals/:goalId')
  @HttpCode(204)
  @Endpoint({
    access: 'admin',
    summary: 'Delete a goal and its history',
    params: GoalIdParamsSchema,
    response: { status: 204, schema: Type.Null({ description: 'No content' }) },
    errors: [401, 403, 404],
  })
  delete(@Param() p: GoalIdParams, @Author() actor: string): Promise<void> {
    return this.goals.delete(p.projectId, p.goalId, actor);
  }

  @Get('goals/:goalId/snapshots')
  @Endpoint({
    access: 'read',
    summary: 'A goal’s snapshots, one per ended period, oldest first',
    params: GoalIdParamsSchema,
    response: { status: 200, schema: GoalSnapshotListSchema },
    errors: [401, 403, 404],
  })
  snapshots(@Param() p: GoalIdParams): Promise<GoalSnapshotList> {
    return this.goals.snapshots(p.projectId, p.goalId);
  }
}
