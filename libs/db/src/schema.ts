import { type ColumnType, type Generated, type Selectable } from 'kysely';
import { type SavedFunnelBody } from '@bindery/contracts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganizationsTable {
  id: string;
  name: string;
  created_at: CreatedAt;
}

export interface ProjectsTable {
  id: string;
  organization_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: string;
  project_id: string;
  kind: 'write' | 'secret';
  /** SHA-256 of the key: keys are 192+ random bits, so a fast hash is safe and lookups stay cheap. */
  key_hash: string;
  /** The whole key for write keys (public by nature), only a prefix for secret keys. */
  key_hint: string;
  created_at: CreatedAt;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  project_id: string | null;
  actor: string;
  action: string;
  details: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

/** What a saved funnel measures, kept as one JSON document: the rules worker reads it whole. */
export type FunnelDefinition = Pick<SavedFunnelBody, 'steps' | 'windowSeconds' | 'order' | 'aggregateBy'>;

export interface FunnelsTable {
  id: string;
  project_id: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  /** Written as JSON text, so pg and PGlite store it alike; read back parsed. */
  definition: ColumnType<FunnelDefinition, string, string>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A JSON object as a jsonb column holds it; written as JSON text so pg and PGlite store it alike. */
export type JsonObject = Record<string, unknown>;

export type RuleScope = 'user' | 'account';

export interface RulesTable {
  id: string;
  project_id: string;
  name: string;
  /** Which evaluator reads `params` (e.g. 'inactivity'); libs/rules knows the types. */
  type: string;
  scope: RuleScope;
  params: ColumnType<JsonObject, string, string>;
  /** What happens to a signal (a task, an email, a webhook), in order. */
  actions: ColumnType<JsonObject[], string | undefined, string>;
  cooldown_hours: number;
  enabled: boolean;
  /** Bumped on every update: the worker evaluates a new version afresh (its own watermark). */
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SignalsTable {
  id: string;
  project_id: string;
  rule_id: string;
  rule_version: number;
  /** 'user:<id>' or 'account:<id>': whom the rule is about. */
  subject_key: string;
  user_id: string | null;
  account_id: string | null;
  /** The evaluation period the signal belongs to (e.g. '2024-05-06'): one signal per rule, subject and period. */
  period_key: string;
  details: ColumnType<JsonObject, string, string>;
  created_at: CreatedAt;
}

export type RuleRunStatus = 'queued' | 'running' | 'done' | 'failed';
export type RuleRunTrigger = 'schedule' | 'manual';
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface RuleRunsTable {
  id: string;
  project_id: string;
  status: ColumnType<RuleRunStatus, RuleRunStatus | undefined, RuleRunStatus>;
  trigger: RuleRunTrigger;
  /** What the run did, by name (rules evaluated, signals raised, …). */
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface RuleWatermarksTable {
  rule_id: string;
  rule_version: number;
  /** Events up to this time have been evaluated by this version of the rule. */
  watermark: ColumnType<Date, Date | string, Date | string>;
}

export type HealthGrade = 'A' | 'B' | 'C';

export interface AccountHealthTable {
  project_id: string;
  account_id: string;
  /**
   * A calendar day (UTC), written as 'YYYY-MM-DD'. pg parses a bare `date` into a Date at local midnight, so
   * AccountHealthRepository reads it through `to_char` and gets the same string on pg and PGlite.
   */
  day: ColumnType<Date | string, string, string>;
  score: number;
  components: ColumnType<JsonObject, string, string>;
  abc: HealthGrade | null;
}

export interface ProjectSettingsTable {
  project_id: string;
  /** The project's settings object, as the API validates it (contracts' ProjectSettings). */
  settings: ColumnType<JsonObject, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** Bindery's operational database, as Kysely sees it. */
export interface Database {
  project_settings: ProjectSettingsTable;
  organizations: OrganizationsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  funnels: FunnelsTable;
  rules: RulesTable;
  signals: SignalsTable;
  rule_runs: RuleRunsTable;
  rule_watermarks: RuleWatermarksTable;
  account_health: AccountHealthTable;
}

export type Project = Selectable<ProjectsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Funnel = Selectable<FunnelsTable>;
export type Rule = Selectable<RulesTable>;
export type Signal = Selectable<SignalsTable>;
export type RuleRun = Selectable<RuleRunsTable>;
