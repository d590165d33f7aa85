import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Value } from '@sinclair/typebox/value';
import {
  compileValidator,
  type DropoffQuery,
  type FunnelQuery,
  FunnelQuerySchema,
  InvalidInput,
  NotFound,
  type SavedFunnel,
  type SavedFunnelBody,
  type SavedFunnelList,
} from '@bindery/contracts';
import {
  AuditRepository,
  type Funnel,
  type FunnelFields,
  FunnelRepository,
  ProjectRepository,
} from '@bindery/db';

function toFields(body: SavedFunnelBody): FunnelFields {
  return {
    name: body.name,
    description: body.description ?? '',
    definition: {
      steps: body.steps,
      windowSeconds: body.windowSeconds,
      order: body.order,
      aggregateBy: body.aggregateBy,
    },
  };
}

function toSavedFunnel(row: Funnel): SavedFunnel {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    steps: row.definition.steps,
    windowSeconds: row.definition.windowSeconds,
    order: row.definition.order,
    aggregateBy: row.definition.aggregateBy,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const checkFunnelQuery = compileValidator(FunnelQuerySchema);

const notFound = (funnelId: string) => NotFound(`Funnel ${funnelId} not found`);

/** Funnel definitions a project saves by name, for its reports and for the rules worker to evaluate. */
@Injectable()
export class SavedFunnelsService {
  constructor(
    private readonly funnels: FunnelRepository,
    private readonly projects: ProjectRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** Saves a new funnel; Conflict when the project already has one of that name. */
  async create(projectId: string, body: SavedFunnelBody, actor: string): Promise<SavedFunnel> {
    if (!(await this.projects.findById(projectId))) throw NotFound(`Project ${projectId} not found`);
    const row = await this.funnels.create(projectId, uuidv7(), toFields(body));
    await this.audit.record({
      projectId,
      actor,
      action: 'funnel.created',
      details: { funnelId: row.id, name: row.name },
    });
    return toSavedFunnel(row);
  }

  async list(projectId: string): Promise<SavedFunnelList> {
    return { funnels: (await this.funnels.findByProject(projectId)).map(toSavedFunnel) };
  }

  /** The project's funnel; NotFound when it has none with this id (another project's included). */
  async get(projectId: string, funnelId: string): Promise<SavedFunnel> {
    const row = await this.funnels.findById(projectId, funnelId);
    if (!row) throw notFound(funnelId);
    return toSavedFunnel(row);
  }

  /** Replaces a funnel's name, description and definition; an omitted description becomes empty. */
  async replace(
    projectId: string,
    funnelId: string,
    body: SavedFunnelBody,
    actor: string,
  ): Promise<SavedFunnel> {
    const row = await this.funnels.update(projectId, funnelId, toFields(body));
    if (!row) throw notFound(funnelId);
    await this.audit.record({
      projectId,
      actor,
      action: 'funnel.updated',
      details: { funnelId, name: row.name },
    });
    return toSavedFunnel(row);
  }

  async delete(projectId: string, funnelId: string, actor: string): Promise<void> {
    if (!(await this.funnels.delete(projectId, funnelId))) throw notFound(funnelId);
    await this.audit.record({ projectId, actor, action: 'funnel.deleted', details: { funnelId } });
  }

  /** The funnel a drop-off request names: inline as JSON, or saved with a range. */
  async resolve(projectId: string, dq: DropoffQuery): Promise<FunnelQuery> {
    if ((dq.query === undefined) === (dq.funnelId === undefined)) {
      throw InvalidInput('give either query (the funnel as JSON) or funnelId');
    }
    if (dq.query !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(dq.query);
      } catch {
        throw InvalidInput('query is not JSON');
      }
      const checked = checkFunnelQuery(Value.Default(FunnelQuerySchema, parsed));
      if (!checked.ok) throw InvalidInput(`query: ${checked.message}`);
      return checked.value;
    }
    if (dq.from === undefined || dq.to === undefined)
      throw InvalidInput('from and to are required with funnelId');
    const funnel = await this.get(projectId, dq.funnelId as string);
    const { steps, windowSeconds, order, aggregateBy } = funnel;
    return { steps, windowSeconds, order, aggregateBy, from: dq.from, to: dq.to };
  }
}
