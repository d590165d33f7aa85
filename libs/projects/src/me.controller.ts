import { Controller, Get, Headers } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { credentialFromHeader, ProjectKeysService } from '@bindery/auth';
import { type KeyOwner, KeyOwnerSchema, NotFound } from '@bindery/contracts';
import { ProjectRepository } from '@bindery/db';
import { Endpoint } from '@bindery/server';

/** Tells a client holding only a secret key which project it opens: how the dashboard signs in. */
@ApiTags('projects')
@ApiBearerAuth('bearer')
@Controller('v1/me')
export class MeController {
  constructor(
    private readonly keys: ProjectKeysService,
    private readonly projects: ProjectRepository,
  ) {}

  @Get()
  @Endpoint({
    summary: 'The project of a secret key',
    description: 'Project secret key as Bearer. 401 for an unknown, revoked or write key.',
    response: { status: 200, schema: KeyOwnerSchema },
    errors: [401],
  })
  async me(@Headers('authorization') authorization: string | undefined): Promise<KeyOwner> {
    const projectId = await this.keys.resolve(credentialFromHeader(authorization), 'secret');
    const project = await this.projects.findById(projectId);
    if (!project) throw NotFound(`Project ${projectId} not found`);
    return { projectId: project.id, name: project.name };
  }
}
