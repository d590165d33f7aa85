import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type MessageAnalytics,
  type MessageAnalyticsQuery,
  MessageAnalyticsQuerySchema,
  MessageAnalyticsSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type RuleEffect,
  type RuleEffectQuery,
  RuleEffectQuerySchema,
  RuleEffectSchema,
  type RuleEffectSeries,
  type RuleEffectSeriesQuery,
  RuleEffectSeriesQuerySchema,
  RuleEffectSeriesSchema,
  type RuleIdParams,
  RuleIdParamsSchema,
} from '@bindery/contracts';
import { Limited } from '@bindery/event-queries';
import { Endpoint } from '@bindery/server';
import { MessageAnalyticsService } from './message-analytics.service';
import { RuleEffectService } from './rule-effect.service';

const EFFECT =
  'For the signals one version of the rule raised in [from, to) (each subject once, by its first signal): per ' +
  'arm (treated, held out) the subjects whose goal window has ended, those that reached the goal within ' +
  'goalDays of their signal, and the rate; subjects still inside their window are counted apart (pending), ' +
  'not as failures. lift = treated rate − held-out rate, with a 95 % interval by Newcombe’s hybrid score ' +
  'method; null while an arm has no finished subject.';

const SERIES =
  'The effect report per week (from Monday) or month of the signals’ dates, oldest first: each period answers ' +
  'what the effect report answers for that period’s own from and to (a subject signalled in two periods counts ' +
  'in both), for one version of the rule. A period is complete once the goal window of each of its subjects ' +
  'has ended; until then its figures may still change. Default range: the last 90 days.';

const MESSAGES =
  'The training emails written in [from, to), per template and per rule: written, sent, failed (bounced: ' +
  'refused for good), suppressed, unsubscribed after the send, clicked (a tracked link followed; once per ' +
  'email), opened (its tracking image loaded, once per email: only with the project’s openTracking on, and ' +
  'unreliable, as `opens` says) and converted (the signal’s subject reached the rule’s goal within goalDays of ' +
  'the send).';

/** Whether the outreach works: each rule's effect against its hold-out, and what its emails did. */
@ApiTags('outcomes')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
@Limited('report')
export class OutcomesController {
  constructor(
    private readonly effects: RuleEffectService,
    private readonly messages: MessageAnalyticsService,
  ) {}

  @Get('rules/:ruleId/effect')
  @Endpoint({
    access: 'read',
    summary: 'Whether a rule works: its treated subjects against its hold-out',
    description: EFFECT,
    params: RuleIdParamsSchema,
    query: RuleEffectQuerySchema,
    response: { status: 200, schema: RuleEffectSchema },
    errors: [400, 401, 403, 404, 429],
  })
  effect(@Param() p: RuleIdParams, @Query() q: RuleEffectQuery): Promise<RuleEffect> {
    return this.effects.effect(p.projectId, p.ruleId, q);
  }

  @Get('rules/:ruleId/effect/series')
  @Endpoint({
    access: 'read',
    summary: 'A rule’s effect over time: treated against held out per week or month',
    description: SERIES,
    params: RuleIdParamsSchema,
    query: RuleEffectSeriesQuerySchema,
    response: { status: 200, schema: RuleEffectSeriesSchema },
    errors: [400, 401, 403, 404, 429],
  })
  series(@Param() p: RuleIdParams, @Query() q: RuleEffectSeriesQuery): Promise<RuleEffectSeries> {
    return this.effects.series(p.projectId, p.ruleId, q);
  }

  @Get('messages/analytics')
  @Endpoint({
    access: 'read',
    summary: 'What the training emails did, per template and per rule',
    description: MESSAGES,
    params: ProjectIdParamsSchema,
    query: MessageAnalyticsQuerySchema,
    response: { status: 200, schema: MessageAnalyticsSchema },
    errors: [400, 401, 403, 429],
  })
  messageAnalytics(
    @Param() p: ProjectIdParams,
    @Query() q: MessageAnalyticsQuery,
  ): Promise<MessageAnalytics> {
    return this.messages.report(p.projectId, q);
  }
}
