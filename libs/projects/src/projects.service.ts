import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { generateKey, hashKey, keyHint, ProjectKeysService } from '@bindery/auth';
import { type CreatedProject, type KeyKind, NotFound } from '@bindery/contracts';
import { AuditRepository, ProjectRepository } from '@bindery/db';
import { defaultRules } from '@bindery/rules';

const DEFAULT_ORGANIZATION = 'Default';

/** Creates projects and rotates their keys; keys are returned once and stored hashed. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly keys: ProjectKeysService,
    private readonly audit: AuditRepository,
  ) {}

  async create(name: string, actor: string): Promise<CreatedProject> {
    const writeKey = generateKey('write');
    const secretKey = generateKey('secret');
    const project = await this.projects.createWithKeys({
      organization: { id: uuidv7(), name: DEFAULT_ORGANIZATION },
      project: { id: uuidv7(), name },
      keys: [
        { id: uuidv7(), kind: 'write', keyHash: hashKey(writeKey), keyHint: keyHint('write', writeKey) },
        { id: uuidv7(), kind: 'secret', keyHash: hashKey(secretKey), keyHint: keyHint('secret', secretKey) },
      ],
      rules: defaultRules().map((rule) => ({ id: uuidv7(), ...rule })),
    });
    await this.audit.record({ projectId: project.id, actor, action: 'project.created', details: { name } });
    return { id: project.id, name: project.name, writeKey, secretKey };
  }

  async rotateKey(projectId: string, kind: KeyKind, actor: string): Promise<string> {
    if (!(await this.projects.findById(projectId))) throw NotFound(`Project ${projectId} not found`);
    const key = await this.keys.rotate(projectId, kind);
    await this.audit.record({ projectId, actor, action: 'key.rotated', details: { kind } });
    return key;
  }
}
