import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { Author, ProjectAccessGuard } from '@bindery/auth';
import {
  type FunnelIdParams,
  FunnelIdParamsSchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type SavedFunnel,
  type SavedFunnelBody,
  SavedFunnelBodySchema,
  type SavedFunnelList,
  SavedFunnelListSchema,
  SavedFunnelSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { SavedFunnelsService } from './saved-funnels.service';

@ApiTags('funnels')
@ApiBearerAuth('bearer')
@UseGuards(ProjectAccessGuard)
@Controller('v1/projects/:projectId/funnels')
export class SavedFunnelsController {
  constructor(private readonly funnels: SavedFunnelsService) {}

  @Post()
  @Endpoint({
    access: 'analysis',
    summary: 'Save a funnel',
    description:
      'Names must be unique within the project (409 otherwise). order defaults to ordered, aggregateBy to user.',
    params: ProjectIdParamsSchema,
    body: SavedFunnelBodySchema,
    response: { status: 201, schema: SavedFunnelSchema },
    errors: [400, 401, 403, 404, 409],
  })
  create(
    @Param() params: ProjectIdParams,
    @Body() body: SavedFunnelBody,
    @Author() actor: string,
  ): Promise<SavedFunnel> {
    return this.funnels.create(params.projectId, body, actor);
  }

  @Get()
  @Endpoint({
    access: 'read',
    summary: 'List saved funnels, by name',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: SavedFunnelListSchema },
    errors: [401, 403],
  })
  list(@Param() params: ProjectIdParams): Promise<SavedFunnelList> {
    return this.funnels.list(params.projectId);
  }

  @Get(':funnelId')
  @Endpoint({
    access: 'read',
    summary: 'Get a saved funnel',
    params: FunnelIdParamsSchema,
    response: { status: 200, schema: SavedFunnelSchema },
    errors: [400, 401, 403, 404],
  })
  get(@Param() params: FunnelIdParams): Promise<SavedFunnel> {
    return this.funnels.get(params.projectId, params.funnelId);
  }

  @Put(':funnelId')
  @Endpoint({
    access: 'analysis',
    summary: 'Replace a saved funnel',
    description: 'Replaces name, description and definition; an omitted description becomes empty.',
    params: FunnelIdParamsSchema,
    body: SavedFunnelBodySchema,
    response: { status: 200, schema: SavedFunnelSchema },
    errors: [400, 401, 403, 404, 409],
  })
  replace(
    @Param() params: FunnelIdParams,
    @Body() body: SavedFunnelBody,
    @Author() actor: string,
  ): Promise<SavedFunnel> {
    return this.funnels.replace(params.projectId, params.funnelId, body, actor);
  }

  @Delete(':funnelId')
  @HttpCode(204)
  @Endpoint({
    access: 'analysis',
    summary: 'Delete a saved funnel',
    params: FunnelIdParamsSchema,
    response: { status: 204, schema: Type.Null({ description: 'No content' }) },
    errors: [400, 401, 403, 404],
  })
  delete(@Param() params: FunnelIdParams, @Author() actor: string): Promise<void> {
    return this.funnels.delete(params.projectId, params.funnelId, actor);
  }
}
