/**
 * Renders a migration file for one ClickHouse server or for a cluster.
 *
 * Migration files are plain SQL with four markers, so that one file serves both topologies:
 * - `{{table name}}`: the table that holds the data (`name`, or `name_local` on a cluster);
 * - `{{on_cluster}}`: nothing, or `ON CLUSTER <cluster>`;
 * - `{{engine name Engine(args)}}`: `Engine(args)`, or `ReplicatedEngine('/clickhouse/tables/{shard}/{database}/name_local', '{replica}', args)`;
 * - `{{distributed name shardKey}}`: a statement of its own, dropped on one server; on a cluster it creates
 *   `name` as a Distributed table over `name_local`, sharded by `shardKey`.
 */
export interface MigrationTarget {
  cluster?: string;
}

const MARKER = /\{\{\s*(table|on_cluster|engine|distributed)\b([^}]*)\}\}/g;

/** Splits a migration into statements on semicolons that end a line. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) =>
      s
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((s) => s.length > 0);
}

function renderEngine(args: string, cluster: string | undefined): string {
  const [, table, engine, engineArgs = ''] = /^\s*(\w+)\s+(\w+)\s*\((.*)\)\s*$/s.exec(args) ?? [];
  if (!table || !engine) throw new Error(`Bad engine marker: {{engine${args}}}`);

  if (!cluster) return `${engine}(${engineArgs})`;
  const zkPath = `'/clickhouse/tables/{shard}/{database}/${table}_local'`;
  const rest = engineArgs.trim() ? `, ${engineArgs}` : '';
  return `Replicated${engine}(${zkPath}, '{replica}'${rest})`;
}

function renderDistributed(args: string, cluster: string | undefined): string {
  const m = /^\s*(\w+)\s+(.+?)\s*$/s.exec(args);
  if (!m) throw new Error(`Bad distributed marker: {{distributed${args}}}`);
  if (!cluster) return '';
  const [, table, shardKey] = m;
  return (
    `CREATE TABLE IF NOT EXISTS ${table} ON CLUSTER ${cluster} AS ${table}_local ` +
    `ENGINE = Distributed(${cluster}, currentDatabase(), ${table}_local, ${shardKey})`
  );
}

/** Renders a migration's statements for the target; statements that render empty are left out. */
export function renderMigration(sql: string, target: MigrationTarget): string[] {
  const { cluster } = target;
  return splitStatements(sql)
    .map((statement) =>
      statement
        .replace(MARKER, (_all, kind: string, args: string) => {
          switch (kind) {
            case 'table':
              return cluster ? `${args.trim()}_local` : args.trim();
            case 'on_cluster':
              return cluster ? `ON CLUSTER ${cluster}` : '';
            case 'engine':
              return renderEngine(args, cluster);
            default:
              return renderDistributed(args, cluster);
          }
        })
        .trim(),
    )
    .filter((s) => s.length > 0);
}
