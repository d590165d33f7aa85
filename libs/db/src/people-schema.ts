import { type ColumnType, type Selectable } from 'kysely';
import { type PersonDeletionState } from '@bindery/contracts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A request to delete one person's data: the row is the job's record, durable across restarts. */
export interface PersonDeletionsTable {
  id: string;
  project_id: string;
  /** SHA-256 of the project and the person's canonical id: finds the deletion again once `ids` are cleared. */
  person_hash: string;
  /** The ids, email addresses and names to delete, kept only while the deletion runs (cleared when done). */
  ids: ColumnType<string[], string, string>;
  emails: ColumnType<string[], string, string>;
  names: ColumnType<string[], string | undefined, string>;
  suppress: boolean;
  state: ColumnType<PersonDeletionState, PersonDeletionState | undefined, PersonDeletionState>;
  /** What each step removed or redacted, by store and table. */
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  requested_by: string;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

/** Hashes of a deleted person's ids and addresses that must stay out: events dropped, no email sent. */
export interface SuppressedPeopleTable {
  project_id: string;
  kind: 'id' | 'email';
  /** SHA-256 of the id, or of the lower-case address: the hash keeps them out without keeping them. */
  value_hash: string;
  created_at: CreatedAt;
}

export interface PeopleTables {
  person_deletions: PersonDeletionsTable;
  suppressed_people: SuppressedPeopleTable;
}

export type PersonDeletionRow = Selectable<PersonDeletionsTable>;
