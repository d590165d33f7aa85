import { type ColumnType, type Selectable } from 'kysely';
import { type CohortDefinition, type CohortKind, type CohortType } from '@bindery/contracts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CohortsTable {
  id: string;
  project_id: string;
  name: string;
  kind: CohortKind;
  type: CohortType;
  /** Where the members came from; a dynamic cohort runs it again on each read. Written as JSON text. */
  definition: ColumnType<CohortDefinition, string, string>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A static cohort's members, fixed when it was saved: person or account ids. */
export interface CohortMembersTable {
  cohort_id: string;
  member_id: string;
}

export interface CohortTables {
  cohorts: CohortsTable;
  cohort_members: CohortMembersTable;
}

export type CohortRow = Selectable<CohortsTable>;
