import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectAccessGuard } from '@bindery/auth';
import {
  type EventDefinitionList,
  EventDefinitionListSchema,
  type EventListPage,
  EventListPageSchema,
  type EventListQuery,
  EventListQuerySchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { EventExplorerService } from './event-explorer.service';

@ApiTags('events')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId')
export class EventExplorerController {
  constructor(private readonly explorer: EventExplorerService) {}

  @Get('events')
  @Endpoint({
    access: 'read',
    summary: 'List events, newest first',
    description:
      'Filter by event name, user, account and time range [from, to); page with `nextCursor`. A retried event ' +
      '(same id) appears once.',
    params: ProjectIdParamsSchema,
    query: EventListQuerySchema,
    response: { status: 200, schema: EventListPageSchema },
    errors: [400, 401, 403, 422, 503],
  })
  list(@Param() params: ProjectIdParams, @Query() query: EventListQuery): Promise<EventListPage> {
    return this.explorer.list(params.projectId, query);
  }

  @Get('event-definitions')
  @Endpoint({
    access: 'read',
    summary: 'Event names with their counts and first and last time seen',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: EventDefinitionListSchema },
    errors: [401, 403, 422, 503],
  })
  definitions(@Param() params: ProjectIdParams): Promise<EventDefinitionList> {
    return this.explorer.definitions(params.projectId);
  }
}
