import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  ACTOR_HEADER,
  type CohortEmailsBody,
  CohortEmailsBodySchema,
  type CohortEmailsResult,
  CohortEmailsResultSchema,
  type CohortIdParams,
  CohortIdParamsSchema,
  type CohortTasksBody,
  CohortTasksBodySchema,
  type CohortTasksResult,
  CohortTasksResultSchema,
  MAX_COHORT_ACTION,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { Actor } from '../tasks/actor';
import { CohortActionsService } from './cohort-actions.service';

const DRY_RUN =
  'Without confirm: true it is a dry run that changes nothing and answers the same counts and a preview. ' +
  `A cohort of more than ${MAX_COHORT_ACTION} members is refused (422).`;

/** Acting on a cohort: a task on each of its accounts, a training email to each of its people. */
@ApiTags('cohorts')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId/cohorts/:cohortId')
export class CohortActionsController {
  constructor(private readonly actions: CohortActionsService) {}

  @Post('tasks')
  @HttpCode(200)
  @ApiHeader({ ...ACTOR_HEADER, required: false })
  @Endpoint({
    access: 'outreach',
    summary: 'Make a task on each account of a cohort',
    description:
      'One task per account (a person’s account is that of their latest action; people with none are ' +
      'counted in withoutAccount), assigned to the account’s CSM, else the default assignee, else the shared ' +
      'queue; priority P3 unless given, due by its priority. Each account gets one task from a cohort however ' +
      `often this is confirmed: a repeat makes only the missing ones. ${DRY_RUN} ${ACTOR_HEADER.description}`,
    params: CohortIdParamsSchema,
    body: CohortTasksBodySchema,
    response: { status: 200, schema: CohortTasksResultSchema },
    errors: [400, 401, 403, 404, 422, 429, 503, 504],
  })
  tasks(
    @Param() p: CohortIdParams,
    @Body() body: CohortTasksBody,
    @Actor() actor: string,
  ): Promise<CohortTasksResult> {
    return this.actions.createTasks(p.projectId, p.cohortId, body, actor);
  }

  @Post('emails')
  @HttpCode(200)
  @Endpoint({
    access: 'outreach',
    summary: 'Send a training email to each person of a cohort',
    description:
      'The template renders with the training content (by key) for each person with a plain email trait, in ' +
      'the project’s layout, through the outbox: never to a suppressed address, at most one training email ' +
      'per address per emailFrequencyHours (rule emails included), and one per cohort, address, template and ' +
      `content however often this is confirmed. A cohort of accounts is refused (422). ${DRY_RUN}`,
    params: CohortIdParamsSchema,
    body: CohortEmailsBodySchema,
    response: { status: 200, schema: CohortEmailsResultSchema },
    errors: [400, 401, 403, 404, 422, 429, 503, 504],
  })
  emails(@Param() p: CohortIdParams, @Body() body: CohortEmailsBody): Promise<CohortEmailsResult> {
    return this.actions.sendEmails(p.projectId, p.cohortId, body);
  }
}
