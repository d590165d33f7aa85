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

/** Bindery's operational database, as Kysely sees it. */
export interface Database {
  organizations: OrganizationsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  funnels: FunnelsTable;
}

export type Project = Selectable<ProjectsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type Funnel = Selectable<FunnelsTable>;
