import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { DB } from '../database';
import { type Database } from '../schema';

/** How long a process may answer from its copy of a project's suppressed ids; a deletion waits this out. */
export const SUPPRESSION_CACHE_MS = 5_000;

/** The SHA-256 of an id, or of an address lower-cased: what the suppression list keeps instead of the value. */
export function suppressionHash(kind: 'id' | 'email', value: string): string {
  return createHash('sha256')
    .update(kind === 'email' ? value.toLowerCase() : value)
    .digest('hex');
}

/** Deleted people kept out of a project: their ids' events dropped at ingest, no email to their addresses. */
@Injectable()
export class SuppressedPeopleRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /** Suppresses the ids and addresses; again is a no-op. */
  async add(projectId: string, values: { ids: readonly string[]; emails: readonly string[] }): Promise<void> {
    const rows = [
      ...values.ids.map((v) => ({
        project_id: projectId,
        kind: 'id' as const,
        value_hash: suppressionHash('id', v),
      })),
      ...values.emails.map((v) => ({
        project_id: projectId,
        kind: 'email' as const,
        value_hash: suppressionHash('email', v),
      })),
    ];
    if (rows.length === 0) return;
    await this.db
      .insertInto('suppressed_people')
      .values(rows)
      .onConflict((oc) => oc.columns(['project_id', 'kind', 'value_hash']).doNothing())
      .execute();
  }

  /** The hashes of a project's suppressed ids. */
  async idHashes(projectId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('suppressed_people')
      .select('value_hash')
      .where('project_id', '=', projectId)
      .where('kind', '=', 'id')
      .execute();
    return rows.map((r) => r.value_hash);
  }

  /** Whether the address belongs to a person deleted with suppression. */
  async hasEmail(projectId: string, email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('suppressed_people')
      .select('value_hash')
      .where('project_id', '=', projectId)
      .where('kind', '=', 'email')
      .where('value_hash', '=', suppressionHash('email', email))
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * {@link hasEmail} for many addresses (of any projects) in one statement: whether each, in order, belongs to a
   * person deleted with suppression.
   */
  async hasEmails(keys: readonly { projectId: string; email: string }[]): Promise<boolean[]> {
    if (keys.length === 0) return [];
    // Raw SQL with array parameters: its text never changes, however many addresses a call carries.
    const { rows } = await sql<{ suppressed: boolean }>`
      select exists (
        select 1 from suppressed_people s
        where s.project_id = k.project_id and s.kind = 'email' and s.value_hash = k.value_hash
      ) as suppressed
      from unnest(
        ${keys.map((k) => k.projectId)}::uuid[], ${keys.map((k) => suppressionHash('email', k.email))}::text[]
      ) with ordinality as k(project_id, value_hash, i)
      order by k.i`.execute(this.db);
    return rows.map((r) => r.suppressed);
  }
}
