import { Controller, Delete, Get, HttpCode, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Author, ProjectAccessGuard } from '@bindery/auth';
import {
  type DeletionIdParams,
  DeletionIdParamsSchema,
  EventListPageSchema,
  type EventListPage,
  type PersonDeleteQuery,
  PersonDeleteQuerySchema,
  type PersonDeletion,
  PersonDeletionSchema,
  type PersonDetail,
  PersonDetailSchema,
  type PersonEventsQuery,
  PersonEventsQuerySchema,
  type PersonExport,
  PersonExportSchema,
  type PersonIdParams,
  PersonIdParamsSchema,
  type PersonList,
  type PersonListQuery,
  PersonListQuerySchema,
  PersonListSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { PersonDeletionService } from './deletion/person-deletion.service';
import { PeopleService } from './people.service';

const PERSON =
  'A person is their user id, else their anonymous id; `personId` is that canonical id. ' +
  'An id with no event or trait stored is a 404.';

@ApiTags('people')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly deletions: PersonDeletionService,
  ) {}

  @Get('people')
  @Endpoint({
    access: 'read',
    summary: 'People, by id, with their traits, activity and accounts',
    description:
      'A person is their user id, else their anonymous id. People with an action, or known from their traits; ' +
      '`search` matches part of the id, the email or the name trait, in any case.',
    params: ProjectIdParamsSchema,
    query: PersonListQuerySchema,
    response: { status: 200, schema: PersonListSchema },
    errors: [400, 401, 403, 422, 503, 504],
  })
  list(@Param() params: ProjectIdParams, @Query() query: PersonListQuery): Promise<PersonList> {
    return this.people.list(params.projectId, query);
  }

  @Get('people/:personId')
  @Endpoint({
    access: 'read',
    summary: 'One person: ids, traits, activity, accounts, open signals, tasks and emails',
    description: PERSON,
    params: PersonIdParamsSchema,
    response: { status: 200, schema: PersonDetailSchema },
    errors: [400, 401, 403, 404, 503, 504],
  })
  detail(@Param() params: PersonIdParams): Promise<PersonDetail> {
    return this.people.detail(params.projectId, params.personId);
  }

  @Get('people/:personId/events')
  @Endpoint({
    access: 'read',
    summary: 'A person’s events, newest first',
    description: `${PERSON} Page with \`nextCursor\`.`,
    params: PersonIdParamsSchema,
    query: PersonEventsQuerySchema,
    response: { status: 200, schema: EventListPageSchema },
    errors: [400, 401, 403, 404, 503, 504],
  })
  events(@Param() params: PersonIdParams, @Query() query: PersonEventsQuery): Promise<EventListPage> {
    return this.people.events(params.projectId, params.personId, query);
  }

  @Get('people/:personId/export')
  @Endpoint({
    access: 'admin',
    summary: 'Everything stored about a person, as JSON (a GDPR access request)',
    description: `${PERSON} Every event (oldest first) and every stored trait value, with the signals, tasks and emails about them.`,
    params: PersonIdParamsSchema,
    response: { status: 200, schema: PersonExportSchema },
    errors: [400, 401, 403, 404, 422, 503, 504],
  })
  export(@Param() params: PersonIdParams): Promise<PersonExport> {
    return this.people.export(params.projectId, params.personId);
  }

  @Delete('people/:personId')
  @HttpCode(202)
  @Endpoint({
    access: 'admin',
    summary: 'Delete a person’s data from every store',
    description:
      `${PERSON} Answers at once with the deletion job; follow it at \`deletions/{id}\`. Deleting a person again ` +
      'while their deletion runs, or once it is done, answers that deletion. With `suppress=true` later events ' +
      'of their ids are dropped at ingest and no email goes to their addresses.',
    params: PersonIdParamsSchema,
    query: PersonDeleteQuerySchema,
    response: { status: 202, schema: PersonDeletionSchema },
    errors: [400, 401, 403, 404, 503],
  })
  delete(
    @Param() params: PersonIdParams,
    @Query() query: PersonDeleteQuery,
    @Author() actor: string,
  ): Promise<PersonDeletion> {
    return this.deletions.request(params.projectId, params.personId, query.suppress, actor);
  }

  @Get('deletions/:deletionId')
  @Endpoint({
    access: 'read',
    summary: 'A person deletion: its state and what it removed',
    params: DeletionIdParamsSchema,
    response: { status: 200, schema: PersonDeletionSchema },
    errors: [400, 401, 403, 404],
  })
  deletion(@Param() params: DeletionIdParams): Promise<PersonDeletion> {
    return this.deletions.status(params.projectId, params.deletionId);
  }
}
