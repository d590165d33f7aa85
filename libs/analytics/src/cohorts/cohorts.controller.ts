import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Author, ProjectAccessGuard } from '@bindery/auth';
import {
  type Cohort,
  type CohortCreate,
  CohortCreateSchema,
  type CohortDetail,
  CohortDetailSchema,
  type CohortIdParams,
  CohortIdParamsSchema,
  type CohortList,
  CohortListSchema,
  type CohortMembersQuery,
  CohortMembersQuerySchema,
  CohortSchema,
  MAX_COHORT_MEMBERS,
  type ProjectIdParams,
  ProjectIdParamsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { CohortsService } from './cohorts.service';

/** Saved lists of people or accounts, to act on (see the cohort actions: tasks and emails). */
@ApiTags('cohorts')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId/cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Post()
  @Endpoint({
    access: 'cohorts',
    summary: 'Save a list of people or accounts as a cohort',
    description:
      'source is a funnel’s drop-off at a step (`query`, the body of /funnels/query, or a saved `funnelId` ' +
      'with from and to), a feature’s abandoners over a range (as the feature report counts them), or a list ' +
      'of ids. static keeps the members the source finds now; dynamic keeps the source and runs it again on ' +
      'every read (a list is static only). The kind (people or accounts) follows the source’s aggregateBy. ' +
      `A source that finds more than ${MAX_COHORT_MEMBERS} members is refused (422). The author is recorded.`,
    params: ProjectIdParamsSchema,
    body: CohortCreateSchema,
    response: { status: 201, schema: CohortSchema },
    errors: [400, 401, 403, 404, 422, 429, 503, 504],
  })
  create(
    @Param() params: ProjectIdParams,
    @Body() body: CohortCreate,
    @Author() author: string,
  ): Promise<Cohort> {
    return this.cohorts.create(params.projectId, body, author);
  }

  @Get()
  @Endpoint({
    access: 'read',
    summary: 'The project’s cohorts, newest first',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: CohortListSchema },
    errors: [401, 403],
  })
  list(@Param() params: ProjectIdParams): Promise<CohortList> {
    return this.cohorts.list(params.projectId);
  }

  @Get(':cohortId')
  @Endpoint({
    access: 'read',
    summary: 'A cohort with a page of its members now, in id order',
    description: 'A dynamic cohort’s source is run again for each page.',
    params: CohortIdParamsSchema,
    query: CohortMembersQuerySchema,
    response: { status: 200, schema: CohortDetailSchema },
    errors: [400, 401, 403, 404, 422, 429, 503, 504],
  })
  get(@Param() params: CohortIdParams, @Query() query: CohortMembersQuery): Promise<CohortDetail> {
    return this.cohorts.get(params.projectId, params.cohortId, query);
  }

  @Delete(':cohortId')
  @HttpCode(204)
  @Endpoint({
    access: 'cohorts',
    summary: 'Delete a cohort (the tasks and emails made from it stay)',
    params: CohortIdParamsSchema,
    response: { status: 204, schema: Type.Null({ description: 'No content' }) },
    errors: [400, 401, 403, 404],
  })
  delete(@Param() params: CohortIdParams): Promise<void> {
    return this.cohorts.delete(params.projectId, params.cohortId);
  }
}
