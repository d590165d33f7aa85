import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type Survey,
  type SurveyBody,
  SurveyBodySchema,
  type SurveyIdParams,
  SurveyIdParamsSchema,
  type SurveyList,
  SurveyListSchema,
  type SurveyPatch,
  SurveyPatchSchema,
  type SurveyResults,
  type SurveyResultsQuery,
  SurveyResultsQuerySchema,
  SurveyResultsSchema,
  SurveySchema,
  type SurveySecret,
  SurveySecretSchema,
} from '@bindery/contracts';
import { Limited } from '@bindery/event-queries';
import { Endpoint } from '@bindery/server';
import { SurveyResultsService } from './survey-results.service';
import { SurveysService } from './surveys.service';

const ACTOR = 'api';
const SURVEYS =
  'A survey is an NPS question (0–10 and a comment), a CSAT question (1–5 and a comment) or an open question. ' +
  'Targeting: accountTraits (the person’s account has each trait with this value), minDaysSinceLastSurvey ' +
  '(default 90: no survey of the project shown to the person in as many days), samplePct (a stable share of ' +
  'people) and featureUsed (the person used the feature at least minUses times). The SDK shows a person the ' +
  'oldest enabled survey that targets them.';

@ApiTags('surveys')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly results: SurveyResultsService,
  ) {}

  @Get('surveys')
  @Endpoint({
    access: 'read',
    summary: 'List surveys, oldest first',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: SurveyListSchema },
    errors: [401, 403],
  })
  list(@Param() p: ProjectIdParams): Promise<SurveyList> {
    return this.surveys.list(p.projectId);
  }

  @Post('surveys')
  @Endpoint({
    access: 'admin',
    summary: 'Create a survey',
    description: SURVEYS,
    params: ProjectIdParamsSchema,
    body: SurveyBodySchema,
    response: { status: 201, schema: SurveySchema },
    errors: [400, 401, 403, 409],
  })
  create(@Param() p: ProjectIdParams, @Body() body: SurveyBody): Promise<Survey> {
    return this.surveys.create(p.projectId, body, ACTOR);
  }

  @Post('surveys/secret')
  @HttpCode(201)
  @Endpoint({
    access: 'admin',
    summary: 'Create or rotate the survey secret',
    description:
      'The key your server signs each person’s user id with (hex HMAC-SHA256), for the SDK to fetch that ' +
      'person’s surveys. Shown once; the previous secret stops working at once.',
    params: ProjectIdParamsSchema,
    response: { status: 201, schema: SurveySecretSchema },
    errors: [401, 403],
  })
  rotateSecret(@Param() p: ProjectIdParams): Promise<SurveySecret> {
    return this.surveys.rotateSecret(p.projectId, ACTOR);
  }

  @Get('surveys/:surveyId')
  @Endpoint({
    access: 'read',
    summary: 'Get a survey',
    params: SurveyIdParamsSchema,
    response: { status: 200, schema: SurveySchema },
    errors: [401, 403, 404],
  })
  get(@Param() p: SurveyIdParams): Promise<Survey> {
    return this.surveys.get(p.projectId, p.surveyId);
  }

  @Post('surveys/:surveyId/results/query')
  @HttpCode(200)
  @Limited('report')
  @Endpoint({
    access: 'read',
    summary: 'A survey’s results: score over time, by plan and ABC class, and the comments',
    description:
      'Over the `survey answered` events of [from, to), each counted once. NPS: promoters score 9–10, ' +
      'passives 7–8, detractors 0–6, score = % promoters − % detractors. CSAT: promoters 4–5, passives 3, ' +
      'detractors 1–2, score = % promoters. Scores to 0.1, averages to 0.01; null without scored answers. ' +
      'overTime lists the periods (UTC days, weeks from Monday, or months) that have answers; byPlan groups by ' +
      'the account’s current `plan` trait and byAbc by its latest ABC class (null: no account, trait or ' +
      'class). comments: the answers with a comment (or an open answer), newest first, with person and account.',
    params: SurveyIdParamsSchema,
    body: SurveyResultsQuerySchema,
    response: { status: 200, schema: SurveyResultsSchema },
    errors: [400, 401, 403, 404, 429, 504],
  })
  queryResults(@Param() p: SurveyIdParams, @Body() body: SurveyResultsQuery): Promise<SurveyResults> {
    return this.results.query(p.projectId, p.surveyId, body);
  }

  @Patch('surveys/:surveyId')
  @Endpoint({
    access: 'admin',
    summary: 'Change a survey',
    description: SURVEYS,
    params: SurveyIdParamsSchema,
    body: SurveyPatchSchema,
    response: { status: 200, schema: SurveySchema },
    errors: [400, 401, 403, 404, 409],
  })
  update(@Param() p: SurveyIdParams, @Body() body: SurveyPatch): Promise<Survey> {
    return this.surveys.update(p.projectId, p.surveyId, body, ACTOR);
  }

  @Delete('surveys/:surveyId')
  @HttpCode(204)
  @Endpoint({
    access: 'admin',
    summary: 'Delete a survey (its answers stay in the events)',
    params: SurveyIdParamsSchema,
    response: { status: 204, schema: Type.Null({ description: 'No content' }) },
    errors: [401, 403, 404],
  })
  delete(@Param() p: SurveyIdParams): Promise<void> {
    return this.surveys.delete(p.projectId, p.surveyId, ACTOR);
  }
}
