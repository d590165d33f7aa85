import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type ActivityQuery,
  ActivityQuerySchema,
  type ActivityResult,
  ActivityResultSchema,
  type FeatureQuery,
  FeatureQuerySchema,
  type FeatureResult,
  FeatureResultSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type RetentionQuery,
  RetentionQuerySchema,
  type RetentionResult,
  RetentionResultSchema,
} from '@bindery/contracts';
import { Limited } from '@bindery/event-queries';
import { Endpoint } from '@bindery/server';
import { ActivityService } from './activity/activity.service';
import { FeatureService } from './features/features.service';
import { RetentionService } from './retention/retention.service';

const COMMON =
  'Counts actions (track, page, screen) of subjects (user: userId, else anonymousId; account: groupId). ' +
  'The full statement is docs/analytics.md.';
const WHOLE_DAYS =
  ' The range is whole days of the project’s time zone (its `timeZone` setting, default UTC): from the day ' +
  'holding `from` to the day holding the last millisecond before `to`. UTC days are read from the daily ' +
  'rollups; the days of another zone from the events.';

@ApiTags('reports')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Limited('report')
@Controller('v1/projects/:projectId')
export class ReportsController {
  constructor(
    private readonly retention: RetentionService,
    private readonly activity: ActivityService,
    private readonly features: FeatureService,
  ) {}

  @Post('retention/query')
  @HttpCode(200)
  @Endpoint({
    access: 'read',
    summary: 'Retention: cohorts by first startEvent, and who came back with returnEvent',
    description:
      'Cohorts are the periods (days, or weeks from Monday, of the project’s time zone: its `timeZone` ' +
      'setting, default UTC) from the one holding `from` to the one ' +
      'holding the last millisecond before `to`. A subject belongs to the cohort of its first startEvent ever, ' +
      'if that is before `to` and in one of them. returned[i−1] counts the cohort subjects that performed ' +
      'returnEvent in the i-th period after their cohort, before `to`; null when that period starts at or ' +
      'after `to`. curve: over all cohorts, period 0 (the cohorts, 100 %) then each period i, the subjects of ' +
      'the cohorts period i has begun for and those of them that came back in it. ' +
      COMMON,
    params: ProjectIdParamsSchema,
    body: RetentionQuerySchema,
    response: { status: 200, schema: RetentionResultSchema },
    errors: [400, 401, 403, 422, 429, 503, 504],
  })
  retentionQuery(@Param() params: ProjectIdParams, @Body() body: RetentionQuery): Promise<RetentionResult> {
    return this.retention.query(params.projectId, body);
  }

  @Post('activity/query')
  @HttpCode(200)
  @Endpoint({
    access: 'read',
    summary: 'Active users: DAU, WAU, MAU and stickiness by day',
    description:
      'For each day: dau, the subjects with an action that day; wau, in that day and the 6 before; mau, in ' +
      'that day and the 29 before; stickiness, dau / mau. With accountId, only that account’s actions count. ' +
      COMMON +
      WHOLE_DAYS,
    params: ProjectIdParamsSchema,
    body: ActivityQuerySchema,
    response: { status: 200, schema: ActivityResultSchema },
    errors: [400, 401, 403, 422, 429, 503, 504],
  })
  activityQuery(@Param() params: ProjectIdParams, @Body() body: ActivityQuery): Promise<ActivityResult> {
    return this.activity.query(params.projectId, body);
  }

  @Post('features/query')
  @HttpCode(200)
  @Endpoint({
    access: 'read',
    summary: 'Feature adoption: users, share of active, first use, repeat use and abandonment per feature',
    description:
      'A feature is the `feature` property of a track event, else its name. subjects: who used it; ' +
      'shareOfActive: over the subjects with any action; firstUsedAt: its first use; repeatRate: the share ' +
      'of its subjects that used it on two or more days; abandoned: its subjects whose last use was on day L ' +
      'and who had an action on a day at least abandonDays after L. At most 500 features, most subjects ' +
      'first. ' +
      COMMON +
      WHOLE_DAYS,
    params: ProjectIdParamsSchema,
    body: FeatureQuerySchema,
    response: { status: 200, schema: FeatureResultSchema },
    errors: [400, 401, 403, 422, 429, 503, 504],
  })
  featuresQuery(@Param() params: ProjectIdParams, @Body() body: FeatureQuery): Promise<FeatureResult> {
    return this.features.query(params.projectId, body);
  }
}
