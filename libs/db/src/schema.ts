import { type ColumnType, type Generated, type Selectable } from 'kysely';
import {
  type ProjectSettings,
  type RuleAction,
  type RuleGoal,
  type RuleParams,
  type RuleType,
  type SavedFunnelBody,
  type SignalDetails,
} from '@bindery/contracts';
import { type TeamTables } from './team-schema';
import { type PeopleTables } from './people-schema';
import { type VoiceTables } from './voice-schema';
import { type CohortTables } from './cohort-schema';
import { type GoalTables } from './goal-schema';

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
  /** Which rule kind reads `params` (e.g. 'inactivity'). */
  type: RuleType;
  scope: RuleScope;
  /** Checked against the schema of the rule's type before it is written. */
  params: ColumnType<RuleParams<RuleType>, string, string>;
  /** What happens to a signal (a task, an email, a webhook), in order. */
  actions: ColumnType<RuleAction[], string | undefined, string>;
  cooldown_hours: number;
  enabled: boolean;
  /** Bumped on every update: the worker evaluates a new version afresh (its own watermark). */
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  /** Share of subjects (0–50 %) held out: their signals are recorded, no action is taken. */
  holdout_pct: ColumnType<number, number | undefined, number>;
  /** What a subject should do after a signal (`RuleGoal`); null: the rule type's default goal. */
  goal: ColumnType<RuleGoal | null, string | null | undefined, string | null>;
}

/** The hold-out and goal each version of a rule had: effects are reported per version. */
export interface RuleVersionsTable {
  rule_id: string;
  version: number;
  holdout_pct: number;
  goal: ColumnType<RuleGoal | null, string | null, string | null>;
  created_at: CreatedAt;
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
  details: ColumnType<SignalDetails, string, string>;
  created_at: CreatedAt;
  /** When the rule's condition no longer held for the subject; null while the signal is open. */
  resolved_at: NullableTimestamp;
  /** Why it cleared, in words a person reads ("active again: 6 of 10 users this week"). */
  resolution: ColumnType<string | null, string | null | undefined, string | null>;
  /** In the rule's hold-out arm: no task, email or alert was made for it. */
  held_out: ColumnType<boolean, boolean | undefined, boolean>;
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

/** What a project's health history was computed with, and how far it reaches. */
/** Each account's newest row of account_health (its day, score and class), kept as the history is written. */
export interface AccountHealthLatestTable {
  project_id: string;
  account_id: string;
  day: ColumnType<Date | string, string, string>;
  score: number;
  abc: HealthGrade | null;
}

export interface AccountHealthBasisTable {
  project_id: string;
  /** The weights and key features the stored scores used (`healthBasis` in @bindery/rules). */
  fingerprint: string;
  /** The newest day scored, written 'YYYY-MM-DD' (read through `to_char`, as account_health's day). */
  last_day: ColumnType<Date | string, string, string>;
  /** When the scores were computed; null for histories stored before this was kept. */
  scored_at: ColumnType<Date | null, Date | undefined, Date>;
}

export interface ProjectSettingsTable {
  project_id: string;
  /** The project's settings object, as the API validated it; older rows may lack keys added since. */
  settings: ColumnType<Partial<ProjectSettings>, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type TaskPriority = 'P1' | 'P2' | 'P3' | 'P4';
export type TaskStatus = 'open' | 'in_progress' | 'snoozed' | 'done' | 'dismissed';
/** How a task ended: a person's outcome, or `condition_cleared` when its rule's signals all resolved. */
export type TaskOutcome = 'resolved' | 'no_response' | 'churn_risk_confirmed' | 'other' | 'condition_cleared';

export interface TasksTable {
  id: string;
  project_id: string;
  account_id: string | null;
  /** Null once the rule is deleted, or for a task no rule raised. */
  rule_id: string | null;
  title: string;
  body: string;
  priority: TaskPriority;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  /** A CSM's email; null: the shared queue. */
  assignee: string | null;
  snoozed_until: NullableTimestamp;
  /** A dismissed task keeps its rule quiet for its account until then. */
  quiet_until: NullableTimestamp;
  due_at: ColumnType<Date, Date | string, Date | string>;
  /** The signals that raised or joined the task, oldest first. */
  signal_ids: ColumnType<string[], string | undefined, string>;
  outcome: ColumnType<TaskOutcome | null, TaskOutcome | null | undefined, TaskOutcome | null>;
  /** The outcome's words: required for `other`, optional otherwise. */
  outcome_note: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A person's note on an account, and on one of its tasks when `task_id` is set. */
export interface NotesTable {
  id: Generated<string>;
  project_id: string;
  account_id: string;
  task_id: string | null;
  author: string;
  body: string;
  created_at: CreatedAt;
}

/** A task's timeline: who changed what, and when. */
export interface TaskEventsTable {
  id: Generated<string>;
  task_id: string;
  at: CreatedAt;
  actor: string;
  change: ColumnType<JsonObject, string, never>;
}

export interface EmailTemplatesTable {
  id: string;
  project_id: string;
  name: string;
  subject: string;
  html: string;
  text: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TrainingContentTable {
  id: string;
  project_id: string;
  /** What the content teaches: a feature name, or `funnel:<funnelId>:step:<n>`. */
  key: string;
  title: string;
  url: string;
  summary: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type OutboxKind = 'training' | 'csm_alert' | 'csm_digest' | 'feedback_shipped' | 'goal_report';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
type NullableText = ColumnType<string | null, string | null | undefined, string | null>;

export interface EmailOutboxTable {
  /** The caller's deterministic id. */
  id: string;
  project_id: string;
  signal_id: ColumnType<string | null, string | null | undefined, never>;
  kind: OutboxKind;
  recipient: string;
  template: ColumnType<string | null, string | null | undefined, never>;
  subject: string;
  html: string;
  text: string;
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: NullableText;
  skip_reason: NullableText;
  message_id: NullableText;
  created_at: CreatedAt;
  sending_at: NullableTimestamp;
  /** The job that last claimed the row; null before a claim, after a release, or for claims before holders. */
  sending_holder: NullableText;
  sent_at: NullableTimestamp;
  /** The From name and address fixed when the row was written; null: MAIL_FROM. */
  from_name: ColumnType<string | null, string | null | undefined, never>;
  from_address: ColumnType<string | null, string | null | undefined, never>;
}

export type SuppressionReason = 'unsubscribed' | 'bounced';

/** The first click on a tracked link of an email (later clicks redirect too, and count nothing). */
export interface EmailClicksTable {
  outbox_id: string;
  project_id: string;
  /** The page the link led to. */
  url: string;
  clicked_at: CreatedAt;
}

export interface EmailOpensTable {
  outbox_id: string;
  project_id: string;
  opened_at: CreatedAt;
}

export interface SuppressionsTable {
  project_id: string;
  /** Lower-case. */
  email: string;
  reason: SuppressionReason;
  created_at: CreatedAt;
}

/** Bindery's operational database, as Kysely sees it. */
export interface Database extends TeamTables, VoiceTables, PeopleTables, CohortTables, GoalTables {
  project_settings: ProjectSettingsTable;
  organizations: OrganizationsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  funnels: FunnelsTable;
  rules: RulesTable;
  rule_versions: RuleVersionsTable;
  signals: SignalsTable;
  rule_runs: RuleRunsTable;
  rule_watermarks: RuleWatermarksTable;
  account_health: AccountHealthTable;
  account_health_basis: AccountHealthBasisTable;
  account_health_latest: AccountHealthLatestTable;
  tasks: TasksTable;
  notes: NotesTable;
  task_events: TaskEventsTable;
  email_templates: EmailTemplatesTable;
  training_content: TrainingContentTable;
  email_outbox: EmailOutboxTable;
  suppressions: SuppressionsTable;
  email_clicks: EmailClicksTable;
  email_opens: EmailOpensTable;
}

export type Project = Selectable<ProjectsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Funnel = Selectable<FunnelsTable>;
export type Rule = Selectable<RulesTable>;
export type RuleVersion = Selectable<RuleVersionsTable>;
export type Signal = Selectable<SignalsTable>;
export type RuleRun = Selectable<RuleRunsTable>;
export type Task = Selectable<TasksTable>;
export type TaskEvent = Selectable<TaskEventsTable>;
export type EmailTemplate = Selectable<EmailTemplatesTable>;
export type TrainingContent = Selectable<TrainingContentTable>;
export type OutboxEmail = Selectable<EmailOutboxTable>;
export type Suppression = Selectable<SuppressionsTable>;
