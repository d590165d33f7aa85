import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminGuard, Author, ProjectAccessGuard } from '@bindery/auth';
import {
  type CreatedProject,
  CreatedProjectSchema,
  type CreateProjectBody,
  CreateProjectBodySchema,
  type ProjectIdParams,
  ProjectIdParamsSchema,
  type ProjectSettings,
  type ProjectSettingsPatch,
  ProjectSettingsPatchSchema,
  ProjectSettingsSchema,
  type RotatedKey,
  RotatedKeySchema,
  type RotateKeyBody,
  RotateKeyBodySchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { ProjectSettingsService } from './project-settings.service';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@ApiBearerAuth('bearer')
@Controller('v1/projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly settings: ProjectSettingsService,
  ) {}

  @Post()
  @UseGuards(AdminGuard)
  @Endpoint({
    summary: 'Create a project',
    description:
      'Admin token as Bearer. Returns the write key (for SDKs) and the secret key (for the API), once.',
    body: CreateProjectBodySchema,
    response: { status: 201, schema: CreatedProjectSchema },
    errors: [400, 401],
  })
  create(@Body() body: CreateProjectBody): Promise<CreatedProject> {
    return this.projects.create(body.name, 'admin');
  }

  @Post(':projectId/keys/rotate')
  @HttpCode(200)
  @UseGuards(ProjectAccessGuard)
  @Endpoint({
    access: 'admin',
    summary: 'Rotate a key',
    description:
      'Issues a new write or secret key and revokes the previous one of that kind at once on this instance ' +
      '(other instances within KEY_CACHE_TTL_MS). Project secret key or admin token as Bearer.',
    params: ProjectIdParamsSchema,
    body: RotateKeyBodySchema,
    response: { status: 200, schema: RotatedKeySchema },
    errors: [400, 401, 403, 404],
  })
  async rotate(
    @Param() params: ProjectIdParams,
    @Body() body: RotateKeyBody,
    @Author() actor: string,
  ): Promise<RotatedKey> {
    const kind = body.kind;
    return { kind, key: await this.projects.rotateKey(params.projectId, kind, actor) };
  }

  @Get(':projectId/settings')
  @UseGuards(ProjectAccessGuard)
  @Endpoint({
    access: 'read',
    summary: 'The project’s settings: health weights and key features',
    params: ProjectIdParamsSchema,
    response: { status: 200, schema: ProjectSettingsSchema },
    errors: [401, 403],
  })
  getSettings(@Param() params: ProjectIdParams): Promise<ProjectSettings> {
    return this.settings.get(params.projectId);
  }

  @Put(':projectId/settings')
  @UseGuards(ProjectAccessGuard)
  @Endpoint({
    access: 'admin',
    summary: 'Replace the project’s settings',
    description:
      'Account health uses them from the rules worker’s next run. A webhook URL that points at a loopback, ' +
      'private, link-local or metadata address (unless OUTBOUND_ALLOW_HOSTS allows it), or a CSM address ' +
      'that is not a plain local@domain, answers 400. Addresses and domains are stored lower-case.',
    params: ProjectIdParamsSchema,
    body: ProjectSettingsSchema,
    response: { status: 200, schema: ProjectSettingsSchema },
    errors: [400, 401, 403, 409],
  })
  putSettings(
    @Param() params: ProjectIdParams,
    @Body() body: ProjectSettings,
    @Author() actor: string,
  ): Promise<ProjectSettings> {
    return this.settings.put(params.projectId, body, actor);
  }

  @Patch(':projectId/settings')
  @UseGuards(ProjectAccessGuard)
  @Endpoint({
    access: 'admin',
    summary: 'Change some of the project’s settings',
    description:
      'Each field the body names replaces the stored one whole (`healthWeights` with all its weights); ' +
      '`null` puts a field back to its default (`eventRetentionDays`: events kept until deleted). The fields ' +
      'left out stay as they are, and so do those another change stored meanwhile: changes of different ' +
      'fields sent at the same time all hold (409 only when the settings changed again and again while this ' +
      'one was applied). Checked and saved as PUT saves the whole; answers the settings as saved.',
    params: ProjectIdParamsSchema,
    body: ProjectSettingsPatchSchema,
    response: { status: 200, schema: ProjectSettingsSchema },
    errors: [400, 401, 403, 409],
  })
  patchSettings(
    @Param() params: ProjectIdParams,
    @Body() body: ProjectSettingsPatch,
    @Author() actor: string,
  ): Promise<ProjectSettings> {
    return this.settings.patch(params.projectId, body, actor);
  }
}
