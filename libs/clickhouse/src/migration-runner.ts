import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ClickHouseClient } from '@clickhouse/client';
import { renderMigration, type MigrationTarget } from './migration-sql';

export interface MigrationFile {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

const LEDGER_SQL = `
CREATE TABLE IF NOT EXISTS {{table schema_migrations}} {{on_cluster}}
(
    version    String,
    name       String,
    checksum   String,
    applied_at DateTime64(3, 'UTC')
)
ENGINE = {{engine schema_migrations ReplacingMergeTree(applied_at)}}
ORDER BY version;
{{distributed schema_migrations cityHash64(version)}};
`;

/** Finds `infra/clickhouse/migrations` from wherever the code runs (sources, dist, a container). */
export function defaultMigrationsDir(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'infra', 'clickhouse', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`infra/clickhouse/migrations not found above ${from}`);
  }
}

/** Reads the versioned migration files of a folder, in order. */
export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const [, version, name] = FILE_NAME.exec(file) ?? [];
      if (!version || !name) throw new Error(`Migration file name ${file} is not NNNN_name.sql`);
      const sql = readFileSync(join(dir, file), 'utf8');
      return { version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies ClickHouse migrations in order and records them; running it again applies nothing new. */
export class ClickHouseMigrator {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly target: MigrationTarget,
    private readonly migrations: MigrationFile[],
  ) {}

  /** The statements each migration runs on this target, for review and tests. */
  plan(): { version: string; statements: string[] }[] {
    return [
      { version: 'ledger', statements: renderMigration(LEDGER_SQL, this.target) },
      ...this.migrations.map((m) => ({
        version: m.version,
        statements: renderMigration(m.sql, this.target),
      })),
    ];
  }

  /** Applies what is not applied yet; returns the versions it applied. */
  async migrate(): Promise<string[]> {
    for (const statement of renderMigration(LEDGER_SQL, this.target)) {
      await this.client.command({ query: statement });
    }
    const applied = await this.appliedChecksums();
    const done: string[] = [];
    for (const migration of this.migrations) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `ClickHouse migration ${migration.version}_${migration.name} changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      for (const statement of renderMigration(migration.sql, this.target)) {
        await this.client.command({ query: statement });
      }
      await this.client.insert({
        table: 'schema_migrations',
        values: [
          {
            version: migration.version,
            name: migration.name,
            checksum: migration.checksum,
            applied_at: Date.now(),
          },
        ],
        format: 'JSONEachRow',
      });
      done.push(migration.version);
    }
    return done;
  }

  private async appliedChecksums(): Promise<Map<string, string>> {
    const result = await this.client.query({
      query:
        'SELECT version, argMax(checksum, applied_at) AS checksum FROM schema_migrations GROUP BY version',
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ version: string; checksum: string }>();
    return new Map(rows.map((r) => [r.version, r.checksum]));
  }
}
