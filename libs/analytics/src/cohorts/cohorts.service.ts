import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  type Cohort,
  type CohortCreate,
  type CohortDefinition,
  type CohortDetail,
  type CohortKind,
  type CohortList,
  type CohortMember,
  CohortMembership,
  type CohortMembersQuery,
  DomainError,
  InvalidInput,
  MAX_COHORT_MEMBERS,
  NotFound,
} from '@bindery/contracts';
import { CohortRepository, type CohortWithSize } from '@bindery/db';
import {
  decodeAfter,
  encodeAfter,
  lastActionsQuery,
  parseRange,
  QueryRunner,
  zonedDaysOf,
} from '@bindery/event-queries';
import { FunnelService } from '../funnels/funnel.service';
import { SavedFunnelsService } from '../funnels/saved-funnels.service';
import { ProjectTimeZone } from '../time-zone/project-time-zone';
import { featureAbandonersQuery } from './abandoners.query';

const tooMany = (what: string) =>
  new DomainError(
    'unprocessable',
    `${what} finds more than ${MAX_COHORT_MEMBERS} members: narrow the source (a shorter range, a later step)`,
  );

function toView(row: CohortWithSize): Cohort {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    type: row.type,
    definition: row.definition,
    size: row.size,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Saved lists of people or accounts: a funnel's drop-off at a step, a feature's abandoners, or a list of ids
 * (the accounts a filter shows). A static cohort keeps the members its source found when saved; a dynamic one
 * keeps the source and runs it again on every read.
 */
@Injectable()
export class CohortsService extends CohortMembership {
  constructor(
    private readonly cohorts: CohortRepository,
    private readonly funnels: FunnelService,
    private readonly saved: SavedFunnelsService,
    private readonly runner: QueryRunner,
    private readonly timeZone: ProjectTimeZone,
  ) {
    super();
  }

  /** Saves a cohort; a static one with the members its source finds now (at most MAX_COHORT_MEMBERS). */
  async create(projectId: string, body: CohortCreate, author: string): Promise<Cohort> {
    const name = body.name.trim();
    if (name === '') throw InvalidInput('name must not be blank');
    const source = body.source;
    let definition: CohortDefinition;
    let kind: CohortKind;
    let members: string[] = [];
    switch (source.type) {
      case 'list':
        if (body.type === 'dynamic') {
          throw InvalidInput('type: a list of ids makes a static cohort only (it has no query to run again)');
        }
        definition = { type: 'list' };
        kind = source.kind;
        members = source.ids;
        break;
      case 'funnel_dropoff': {
        const funnel = await this.saved.resolve(projectId, {
          query: source.query,
          funnelId: source.funnelId,
          from: source.from,
          to: source.to,
          step: source.step,
          limit: 1,
        });
        definition = { type: 'funnel_dropoff', funnel, funnelId: source.funnelId ?? null, step: source.step };
        kind = funnel.aggregateBy === 'account' ? 'accounts' : 'people';
        break;
      }
      case 'feature_abandoners':
        parseRange(source);
        definition = { ...source };
        kind = source.aggregateBy === 'account' ? 'accounts' : 'people';
        break;
    }
    if (source.type !== 'list') {
      // A dynamic cohort's source is run once too: a source that fails or finds too many fails now.
      members = await this.evaluate(projectId, definition);
    }
    const row = await this.cohorts.create({
      id: uuidv7(),
      projectId,
      name,
      kind,
      type: body.type,
      definition,
      createdBy: author,
      members,
    });
    return toView(row);
  }

  async list(projectId: string): Promise<CohortList> {
    return { cohorts: (await this.cohorts.list(projectId)).map(toView) };
  }

  /** A cohort with a page of its members now, in id order, and how many it has. */
  async get(projectId: string, cohortId: string, q: CohortMembersQuery): Promise<CohortDetail> {
    const row = await this.find(projectId, cohortId);
    const after = q.cursor === undefined ? undefined : decodeAfter(q.cursor);
    let total: number;
    let page: string[];
    let more: boolean;
    if (row.type === 'static') {
      total = row.size ?? 0;
      const ids = await this.cohorts.members(cohortId, q.limit + 1, after);
      page = ids.slice(0, q.limit);
      more = ids.length > q.limit;
    } else {
      const all = await this.evaluate(projectId, row.definition);
      total = all.length;
      const rest = after === undefined ? all : all.filter((id) => id > after);
      page = rest.slice(0, q.limit);
      more = rest.length > q.limit;
    }
    const last = page.at(-1);
    return {
      ...toView(row),
      total,
      members: page,
      nextCursor: more && last !== undefined ? encodeAfter(last) : null,
    };
  }

  async delete(projectId: string, cohortId: string): Promise<void> {
    if (!(await this.cohorts.delete(projectId, cohortId))) throw NotFound(`Cohort ${cohortId} not found`);
  }

  /**
   * Every member now, with a person's account (that of their latest action that had one); more than `max` is
   * an error, so that an action never reaches part of a cohort unsaid.
   */
  async resolve(
    projectId: string,
    cohortId: string,
    max: number,
  ): Promise<{ cohort: Cohort; members: CohortMember[] }> {
    const row = await this.find(projectId, cohortId);
    const ids =
      row.type === 'static'
        ? await this.cohorts.members(cohortId, max + 1)
        : await this.evaluate(projectId, row.definition);
    if (ids.length > max) {
      throw new DomainError(
        'unprocessable',
        `cohort ${cohortId} has more than ${max} members: an action reaches at most ${max} at once`,
      );
    }
    if (row.kind === 'accounts') {
      return { cohort: toView(row), members: ids.map((id) => ({ id, accountId: id })) };
    }
    const accounts = new Map(
      (await this.runner.rows(lastActionsQuery(projectId, 'user', ids))).map((r) => [r.subject, r.account]),
    );
    return {
      cohort: toView(row),
      members: ids.map((id) => ({ id, accountId: accounts.get(id) || null })),
    };
  }

  private async find(projectId: string, cohortId: string): Promise<CohortWithSize> {
    const row = await this.cohorts.findById(projectId, cohortId);
    if (!row) throw NotFound(`Cohort ${cohortId} not found`);
    return row;
  }

  /** The members a source finds now, in id order. */
  private async evaluate(projectId: string, definition: CohortDefinition): Promise<string[]> {
    switch (definition.type) {
      case 'list':
        throw new Error('A list makes a static cohort: it has no source to run again');
      case 'funnel_dropoff': {
        const page = await this.funnels.dropoffs(projectId, definition.funnel, {
          step: definition.step,
          limit: MAX_COHORT_MEMBERS,
        });
        if (page.nextCursor !== null) throw tooMany(`the drop-off at step ${definition.step}`);
        return page.subjects.map((s) => s.id);
      }
      case 'feature_abandoners': {
        const timeZone = await this.timeZone.of(projectId);
        const rows = await this.runner.rows(
          featureAbandonersQuery(
            projectId,
            definition,
            zonedDaysOf(parseRange(definition), timeZone),
            MAX_COHORT_MEMBERS + 1,
            timeZone,
          ),
        );
        if (rows.length > MAX_COHORT_MEMBERS) throw tooMany(`the abandoners of ${definition.feature}`);
        return rows.map((r) => r.subject);
      }
    }
  }
}
