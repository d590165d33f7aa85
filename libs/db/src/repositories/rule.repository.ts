import { Inject, Injectable } from '@nestjs/common';
import { type Insertable, type Kysely, sql } from 'kysely';
import { Conflict, type RuleAction, type RuleGoal, type RuleParams, type RuleType } from '@bindery/contracts';
import { DB } from '../database';
import { isUniqueViolation } from '../unique-violation';
import { type Database, type Rule, type RuleScope, type RulesTable, type RuleVersion } from '../schema';

/** A rule as its creator defines it; the database adds version 1 and the timestamps. */
export interface NewRule {
  id: string;
  projectId: string;
  name: string;
  type: RuleType;
  scope: RuleScope;
  params: RuleParams<RuleType>;
  actions?: RuleAction[];
  cooldownHours: number;
  enabled: boolean;
  /** Share of subjects held out (default 0). */
  holdoutPct?: number;
  /** The goal; null or left out: the rule type's default. */
  goal?: RuleGoal | null;
}

/** The fields an update may change; those left out keep their value. */
export type RulePatch = Partial<Omit<NewRule, 'id' | 'projectId'>>;

const UNIQUE_NAME = 'rules_project_name_unique';

/** Whether a write failed because the project already has a rule of that name. */
const isNameTaken = (error: unknown) => isUniqueViolation(error, UNIQUE_NAME);

const nameTaken = (name?: string) =>
  Conflict(
    name === undefined
      ? 'A rule of one of these names already exists in this project'
      : `A rule named "${name}" already exists in this project`,
  );

const toRow = (rule: NewRule): Insertable<RulesTable> => ({
  id: rule.id,
  project_id: rule.projectId,
  name: rule.name,
  type: rule.type,
  scope: rule.scope,
  params: JSON.stringify(rule.params),
  actions: JSON.stringify(rule.actions ?? []),
  cooldown_hours: rule.cooldownHours,
  enabled: rule.enabled,
  holdout_pct: rule.holdoutPct ?? 0,
  goal: rule.goal ? JSON.stringify(rule.goal) : null,
});

/** The columns of a rule version, read from the rows a statement wrote to `rules` (the CTE `r`). */
const VERSION_COLUMNS = ['rule_id', 'version', 'holdout_pct', 'goal'] as const;

/**
 * Rule definitions; every query is scoped by project. Each write records the version it makes, with its
 * hold-out and goal, in `rule_versions` in the same statement. The writes a caller may need inside its own transaction
 * (`create`, `createMany`, e.g. a new project's default pack) take an optional last argument, the executor:
 * pass the `Transaction` from `db.transaction().execute(trx => …)` to join it; leave it out to run on their own.
 */
@Injectable()
export class RuleRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async create(rule: NewRule, executor: Kysely<Database> = this.db): Promise<Rule> {
    try {
      return await this.insertWithVersions([rule], executor).executeTakeFirstOrThrow();
    } catch (error) {
      if (isNameTaken(error)) throw nameTaken(rule.name);
      throw error;
    }
  }

  /** Creates all the rules or none (one statement); a name already taken is a Conflict. */
  async createMany(rules: NewRule[], executor: Kysely<Database> = this.db): Promise<Rule[]> {
    if (rules.length === 0) return [];
    try {
      return await this.insertWithVersions(rules, executor).execute();
    } catch (error) {
      if (isNameTaken(error)) throw nameTaken(rules.length === 1 ? rules[0]?.name : undefined);

      throw error;
    }
  }

  private insertWithVersions(rules: NewRule[], executor: Kysely<Database>) {
    return executor
      .with('r', (db) => db.insertInto('rules').values(rules.map(toRow)).returningAll())
      .with('v', (db) =>
        db
          .insertInto('rule_versions')
          .columns([...VERSION_COLUMNS])
          .expression(db.selectFrom('r').select(['r.id as rule_id', 'r.version', 'r.holdout_pct', 'r.goal'])),
      )
      .selectFrom('r')
      .selectAll();
  }

  /** The hold-out and goal of one version of a project's rule. */
  findVersion(projectId: string, ruleId: string, version: number): Promise<RuleVersion | undefined> {
    return this.db
      .selectFrom('rule_versions as v')
      .innerJoin('rules', 'rules.id', 'v.rule_id')
      .selectAll('v')
      .where('rules.project_id', '=', projectId)
      .where('v.rule_id', '=', ruleId)
      .where('v.version', '=', version)
      .executeTakeFirst();
  }

  /** The version numbers of a project's rule, newest first. */
  async versionsOf(projectId: string, ruleId: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('rule_versions as v')
      .innerJoin('rules', 'rules.id', 'v.rule_id')
      .select('v.version')
      .where('rules.project_id', '=', projectId)
      .where('v.rule_id', '=', ruleId)
      .orderBy('v.version', 'desc')
      .execute();
    return rows.map((r) => r.version);
  }

  findByProject(projectId: string): Promise<Rule[]> {
    return this.db
      .selectFrom('rules')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('name')
      .execute();
  }

  /** The rules the worker evaluates, by name. */
  findEnabledByProject(projectId: string): Promise<Rule[]> {
    return this.db
      .selectFrom('rules')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('enabled', '=', true)
      .orderBy('name')
      .execute();
  }

  findById(projectId: string, id: string): Promise<Rule | undefined> {
    return this.db
      .selectFrom('rules')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * Changes the given fields and bumps `version` and `updated_at`, whatever changed: a new version is
   * evaluated afresh by the worker. Undefined when the project has no such rule.
   */
  async update(projectId: string, id: string, patch: RulePatch): Promise<Rule | undefined> {
    try {
      return await this.db
        .with('r', (db) =>
          db
            .updateTable('rules')
            .set((eb) => ({
              ...(patch.name !== undefined && { name: patch.name }),
              ...(patch.type !== undefined && { type: patch.type }),
              ...(patch.scope !== undefined && { scope: patch.scope }),
              ...(patch.params !== undefined && { params: JSON.stringify(patch.params) }),
              ...(patch.actions !== undefined && { actions: JSON.stringify(patch.actions) }),
              ...(patch.cooldownHours !== undefined && { cooldown_hours: patch.cooldownHours }),
              ...(patch.enabled !== undefined && { enabled: patch.enabled }),
              ...(patch.holdoutPct !== undefined && { holdout_pct: patch.holdoutPct }),
              ...(patch.goal !== undefined && { goal: patch.goal ? JSON.stringify(patch.goal) : null }),
              version: eb('version', '+', 1),
              updated_at: sql<Date>`now()`,
            }))
            .where('project_id', '=', projectId)
            .where('id', '=', id)
            .returningAll(),
        )
        .with('v', (db) =>
          db
            .insertInto('rule_versions')
            .columns([...VERSION_COLUMNS])
            .expression(
              db.selectFrom('r').select(['r.id as rule_id', 'r.version', 'r.holdout_pct', 'r.goal']),
            ),
        )
        .selectFrom('r')
        .selectAll()
        .executeTakeFirst();
    } catch (error) {
      if (isNameTaken(error)) throw nameTaken(patch.name);
      throw error;
    }
  }

  /** Whether the project had such a rule to delete; its signals and watermarks go with it. */
  async delete(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('rules')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
