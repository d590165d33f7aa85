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
import { Author, ProjectAccessGuard } from '@bindery/auth';
import {
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type Rule,
  type RuleBody,
  RuleBodySchema,
  type RuleIdParams,
  RuleIdParamsSchema,
  type RuleList,
  RuleListSchema,
  type RulePatch,
  RulePatchSchema,
  type RuleRun,
  type RuleRunQuery,
  RuleRunQuerySchema,
  RuleRunSchema,
  RuleSchema,
  type RunIdParams,
  RunIdParamsSchema,
  type SignalList,
  type SignalListQuery,
  SignalListQuerySchema,
  SignalListSchema,
} from '@bindery/contracts';
import { Limited } from '@bindery/event-queries';
import { Endpoint } from '@bindery/server';
import { RuleRunsService } from './rule-runs.service';
import { RulesService } from './rules.service';
import { SignalsService } from './signals.service';

const RULES =
  'A rule has a type and its params, a scope (user or account), a cooldown (a subject re-fires only after it), ' +
  'enabled, and actions (a CS task with a severity, a training email with a template, a CSM notification). ' +
  'inactivity: active in the lookbackDays before, then `days` full days without an action (or a key event); ' +
  'fires once per quiet spell. usage_decline (accounts): actions (or user-days) over the last recentDays full ' +
  'days below thresholdPct % of the average of the baselineDays before, when that average is at least ' +
  'minBaseline. funnel_stall: a subject of the saved funnel reached step k (not the last) and not k+1 ' +
  'stallHours later; step k+1 counts only within the funnel’s windowSeconds of step 1, so once that window has ' +
  'passed the subject stays stalled, and a stallHours longer than the window only delays the signal. ' +
  'feature_abandonment: minUses uses in lookbackDays, then idleDays full days without one while still active. ' +
  'never_adopted: first seen more than `days` days ago (in the last 30 days of such deadlines) and never used ' +
  'the feature. health_drop (accounts): health below threshold, or delta points under its peak of `days`. ' +
  'detractor (accounts): the account’s latest survey answer in lookbackDays is NPS ≤ npsAtMost (default 6) or ' +
  'CSAT ≤ csatAtMost (default 2); one signal per such answer, cleared when the next answer is a promoter’s.';

@ApiTags('rules')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
export class RulesController {
  constructor(
    private readonly rules: RulesService,
    private readonly runs: RuleRunsService,
    private readonly signals: SignalsService,
  ) {}

  @Get('rules')
  @Endpoint({
    access: 'read',
    summary: 'List rules, by name',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: RuleListSchema },
    errors: [401, 403],
  })
  list(@Param() p: ProjectIdParams): Promise<RuleList> {
    return this.rules.list(p.projectId);
  }

  @Post('rules')
  @Endpoint({
    access: 'admin',
    summary: 'Create a rule',
    description: RULES,
    params: ProjectIdParamsSchema,
    body: RuleBodySchema,
    response: { status: 201, schema: RuleSchema },
    errors: [400, 401, 403, 409],
  })
  create(@Param() p: ProjectIdParams, @Body() body: RuleBody, @Author() actor: string): Promise<Rule> {
    return this.rules.create(p.projectId, body, actor);
  }

  @Post('rules/run')
  @HttpCode(202)
  @Limited('rules-run')
  @Endpoint({
    access: 'admin',
    summary: 'Evaluate the project’s rules now',
    description:
      'Queues a run and answers with it; follow it at /rules/runs/:runId. One run per project at a time; ' +
      'at most RULES_RUN_RATE_LIMIT_PER_MINUTE runs a minute (429 with Retry-After past it). With asOf, a ' +
      'back-dated run: see the parameter.',
    params: ProjectIdParamsSchema,
    query: RuleRunQuerySchema,
    response: { status: 202, schema: RuleRunSchema },
    errors: [400, 401, 403, 429],
  })
  run(@Param() p: ProjectIdParams, @Query() q: RuleRunQuery): Promise<RuleRun> {
    return this.runs.trigger(p.projectId, q.asOf);
  }

  @Get('rules/runs/:runId')
  @Endpoint({
    access: 'read',
    summary: 'A run’s status and the signals it emitted per rule',
    params: RunIdParamsSchema,
    response: { status: 200, schema: RuleRunSchema },
    errors: [401, 403, 404],
  })
  getRun(@Param() p: RunIdParams): Promise<RuleRun> {
    return this.runs.get(p.projectId, p.runId);
  }

  @Get('rules/:ruleId')
  @Endpoint({
    access: 'read',
    summary: 'Get a rule',
    params: RuleIdParamsSchema,
    response: { status: 200, schema: RuleSchema },
    errors: [401, 403, 404],
  })
  get(@Param() p: RuleIdParams): Promise<Rule> {
    return this.rules.get(p.projectId, p.ruleId);
  }

  @Patch('rules/:ruleId')
  @Endpoint({
    access: 'admin',
    summary: 'Change a rule (its version goes up; a changed rule is evaluated afresh)',
    description: RULES,
    params: RuleIdParamsSchema,
    body: RulePatchSchema,
    response: { status: 200, schema: RuleSchema },
    errors: [400, 401, 403, 404, 409],
  })
  update(@Param() p: RuleIdParams, @Body() body: RulePatch, @Author() actor: string): Promise<Rule> {
    return this.rules.update(p.projectId, p.ruleId, body, actor);
  }

  @Delete('rules/:ruleId')
  @HttpCode(204)
  @Endpoint({
    access: 'admin',
    summary: 'Delete a rule and its signals',
    params: RuleIdParamsSchema,
    response: { status: 204, schema: Type.Null({ description: 'No content' }) },
    errors: [401, 403, 404],
  })
  delete(@Param() p: RuleIdParams, @Author() actor: string): Promise<void> {
    return this.rules.delete(p.projectId, p.ruleId, actor);
  }

  @Get('signals')
  @Endpoint({
    access: 'read',
    summary: 'Signals the rules raised, newest first',
    description:
      'One signal per rule, subject and period; a subject re-fires only after the rule’s cooldown.',
    params: ProjectIdParamsSchema,
    query: SignalListQuerySchema,
    response: { status: 200, schema: SignalListSchema },
    errors: [400, 401, 403],
  })
  listSignals(@Param() p: ProjectIdParams, @Query() q: SignalListQuery): Promise<SignalList> {
    return this.signals.list(p.projectId, q);
  }
}
