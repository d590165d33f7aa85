import { type Kysely, type RawBuilder, sql } from 'kysely';
import { isUniqueViolation } from '../unique-violation';
import { type Database } from '../schema';

/** How one table of keyed documents differs from the other: its name, its text fields, its key. */
export interface KeyedDocumentsTable<Fields> {
  table: 'email_templates' | 'training_content';
  /** The fields a document is written with, and no others. */
  fields: readonly (keyof Fields & string)[];
  /** The field a project holds one document of. */
  key: keyof Fields & string;
  /** The unique constraint on project and key. */
  unique: string;
  /** The error for a key the project already has (undefined: a patch that left the key alone). */
  taken: (key?: string) => Error;
}

/**
 * What the repositories of a project's keyed documents (email templates by name, training content by key)
 * share: every statement scoped by project, every value bound, a taken key a Conflict, lists in key order,
 * and patches that change only the fields given and bump `updated_at`.
 */
export class KeyedDocuments<Fields extends { [F in keyof Fields]: string }, Row> {
  private readonly table: RawBuilder<unknown>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly of: KeyedDocumentsTable<Fields>,
  ) {
    this.table = sql.table(of.table);
  }

  async create(projectId: string, id: string, fields: Fields): Promise<Row> {
    const values = this.given(fields);
    const columns = sql.join([sql.ref('id'), sql.ref('project_id'), ...values.map(([f]) => sql.ref(f))]);
    const row = await this.write(
      sql<Row>`INSERT INTO ${this.table} (${columns})
        VALUES (${sql.join([id, projectId, ...values.map(([, v]) => v)])}) RETURNING *`,
      fields[this.of.key],
    );
    if (!row) throw new Error(`${this.of.table}: the insert returned no row`);
    return row;
  }

  async list(projectId: string): Promise<Row[]> {
    const { rows } = await sql<Row>`SELECT * FROM ${this.table}
      WHERE project_id = ${projectId} ORDER BY ${sql.ref(this.of.key)}`.execute(this.db);
    return rows;
  }

  async findByKey(projectId: string, key: string): Promise<Row | undefined> {
    const { rows } = await sql<Row>`SELECT * FROM ${this.table}
      WHERE project_id = ${projectId} AND ${sql.ref(this.of.key)} = ${key}`.execute(this.db);
    return rows[0];
  }

  async findById(projectId: string, id: string): Promise<Row | undefined> {
    const { rows } = await sql<Row>`SELECT * FROM ${this.table}
      WHERE project_id = ${projectId} AND id = ${id}`.execute(this.db);
    return rows[0];
  }

  /** Changes the given fields and bumps `updated_at`; undefined when the project has no such document. */
  update(projectId: string, id: string, patch: Partial<Fields>): Promise<Row | undefined> {
    const set = this.given(patch).map(([f, v]) => sql`${sql.ref(f)} = ${v}`);
    return this.write(
      sql<Row>`UPDATE ${this.table} SET ${sql.join([...set, sql`updated_at = now()`])}
        WHERE project_id = ${projectId} AND id = ${id} RETURNING *`,
      patch[this.of.key],
    );
  }

  /** Whether the project had such a document to delete. */
  async delete(projectId: string, id: string): Promise<boolean> {
    const { rows } = await sql`DELETE FROM ${this.table}
      WHERE project_id = ${projectId} AND id = ${id} RETURNING id`.execute(this.db);
    return rows.length > 0;
  }

  /** The document's own fields that are set, in order, whatever else the object carries. */
  private given(fields: Partial<Fields>): [string, string][] {
    return this.of.fields.flatMap((f) => {
      const value = fields[f];
      return value === undefined ? [] : [[f, value] as [string, string]];
    });
  }

  /** Runs a statement that writes a document: its row, or the Conflict of a key the project already has. */
  private async write(statement: RawBuilder<Row>, key: string | undefined): Promise<Row | undefined> {
    try {
      return (await statement.execute(this.db)).rows[0];
    } catch (error) {
      if (isUniqueViolation(error, this.of.unique)) throw this.of.taken(key);
      throw error;
    }
  }
}
