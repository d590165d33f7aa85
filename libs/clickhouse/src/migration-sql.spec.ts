import { defaultMigrationsDir, readMigrations } from './migration-runner';
import { renderMigration, splitStatements } from './migration-sql';

const CLUSTER = { cluster: 'c1' };

const EVENTS_SQL = `
-- the events table
CREATE TABLE IF NOT EXISTS {{table events}} {{on_cluster}}
(
    id String
)
ENGINE = {{engine events ReplacingMergeTree()}}
ORDER BY id;

{{distributed events cityHash64(id)}};
`;

const TRAITS_SQL = `
CREATE TABLE IF NOT EXISTS {{table traits}} {{on_cluster}} (id String, updated_at DateTime)
ENGINE = {{engine traits ReplacingMergeTree(updated_at)}}
ORDER BY id;
CREATE MATERIALIZED VIEW IF NOT EXISTS traits_mv {{on_cluster}} TO {{table traits}} AS
SELECT id, now() AS updated_at FROM {{table events}};
`;

describe('splitStatements', () => {
  it('splits on semicolons that end a line, drops comment lines and blank statements', () => {
    const sql = '-- header\nSELECT 1;\n\n  -- indented comment\nSELECT 2;  \nSELECT 3;\n;\n';

    expect(splitStatements(sql)).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3']);
  });

  it('keeps a semicolon that does not end a line and takes a last statement without one', () => {
    expect(splitStatements("SELECT 'a;b' AS x;\nSELECT 2")).toEqual(["SELECT 'a;b' AS x", 'SELECT 2']);
  });

  it('keeps the lines of a statement, comments between them removed', () => {
    expect(splitStatements('SELECT a,\n-- why b\n    b\nFROM t;')).toEqual(['SELECT a,\n    b\nFROM t']);
  });
});

describe('renderMigration on one server', () => {
  it('removes the markers and drops the distributed statement', () => {
    expect(renderMigration(EVENTS_SQL, {})).toEqual([
      'CREATE TABLE IF NOT EXISTS events \n(\n    id String\n)\nENGINE = ReplacingMergeTree()\nORDER BY id',
    ]);
  });

  it('keeps engine arguments and plain table names in views', () => {
    expect(renderMigration(TRAITS_SQL, {})).toEqual([
      'CREATE TABLE IF NOT EXISTS traits  (id String, updated_at DateTime)\n' +
        'ENGINE = ReplacingMergeTree(updated_at)\nORDER BY id',
      'CREATE MATERIALIZED VIEW IF NOT EXISTS traits_mv  TO traits AS\n' +
        'SELECT id, now() AS updated_at FROM events',
    ]);
  });
});

describe('renderMigration on a cluster', () => {
  it('creates a replicated local table and a Distributed table over it', () => {
    expect(renderMigration(EVENTS_SQL, CLUSTER)).toEqual([
      'CREATE TABLE IF NOT EXISTS events_local ON CLUSTER c1\n(\n    id String\n)\n' +
        "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/events_local', '{replica}')\n" +
        'ORDER BY id',
      'CREATE TABLE IF NOT EXISTS events ON CLUSTER c1 AS events_local ' +
        'ENGINE = Distributed(c1, currentDatabase(), events_local, cityHash64(id))',
    ]);
  });

  it('passes engine arguments after the replica, and views write to and read from local tables', () => {
    expect(renderMigration(TRAITS_SQL, CLUSTER)).toEqual([
      'CREATE TABLE IF NOT EXISTS traits_local ON CLUSTER c1 (id String, updated_at DateTime)\n' +
        "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/traits_local', '{replica}', updated_at)\n" +
        'ORDER BY id',
      'CREATE MATERIALIZED VIEW IF NOT EXISTS traits_mv ON CLUSTER c1 TO traits_local AS\n' +
        'SELECT id, now() AS updated_at FROM events_local',
    ]);
  });

  it('keeps a shard key that has parentheses and commas whole', () => {
    const sql = "{{distributed events cityHash64(project_id, if(user_id != '', user_id, anonymous_id))}};";

    expect(renderMigration(sql, { cluster: 'prod_2' })).toEqual([
      'CREATE TABLE IF NOT EXISTS events ON CLUSTER prod_2 AS events_local ENGINE = ' +
        "Distributed(prod_2, currentDatabase(), events_local, cityHash64(project_id, if(user_id != '', user_id, anonymous_id)))",
    ]);
  });
});

describe('bad markers', () => {
  it.each([
    [
      'an engine marker without engine',
      'ENGINE = {{engine events}};',
      'Bad engine marker: {{engine events}}',
    ],
    [
      'an engine marker without parentheses',
      'ENGINE = {{engine events ReplacingMergeTree}};',
      'Bad engine marker: {{engine events ReplacingMergeTree}}',
    ],
    [
      'a distributed marker without shard key',
      '{{distributed events}};',
      'Bad distributed marker: {{distributed events}}',
    ],
  ])('throws for %s, on one server as on a cluster', (_name, sql, message) => {
    expect(() => renderMigration(sql, {})).toThrow(message);
    expect(() => renderMigration(sql, CLUSTER)).toThrow(message);
  });
});

describe('the migration files', () => {
  const migrations = readMigrations(defaultMigrationsDir());
  const rendered = migrations.map((m) => ({
    file: `${m.version}_${m.name}.sql`,
    statements: renderMigration(m.sql, CLUSTER),
  }));
  const statements = rendered.flatMap((m) => m.statements);

  it('are found, in order', () => {
    expect(migrations.map((m) => `${m.version}_${m.name}`)).toEqual([
      '0001_events',
      '0002_traits',
      '0003_rollups',
      '0004_rollups_of_actions',
      '0005_event_retention',
      '0006_identity_links',
    ]);
  });

  it.each(rendered.map((m) => [m.file, m.statements] as const))(
    'render %s for a cluster as reviewed',
    (_file, sql) => {
      expect(sql.join(';\n\n')).toMatchSnapshot();
    },
  );

  it('leave no marker behind, on one server or on a cluster', () => {
    for (const m of migrations) {
      for (const statement of [...renderMigration(m.sql, {}), ...renderMigration(m.sql, CLUSTER)]) {
        expect(statement).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('run every schema change ON CLUSTER, and rebuild rollups through the Distributed tables', () => {
    const ddl = statements.filter((s) => !s.startsWith('INSERT '));
    const inserts = statements.filter((s) => s.startsWith('INSERT '));

    for (const statement of ddl) {
      expect(statement).toMatch(
        /^(CREATE (TABLE|MATERIALIZED VIEW) IF NOT EXISTS|DROP VIEW IF EXISTS|TRUNCATE TABLE IF EXISTS|ALTER TABLE) \w+ ON CLUSTER c1\b/,
      );
    }
    expect(inserts).toHaveLength(3);
    for (const insert of inserts) {
      expect(insert).toMatch(
        /^INSERT INTO (activity_daily|feature_daily|identity_links)\b[^]*\nFROM events\n/,
      );
    }
  });

  it('make every MergeTree-family table replicated, named _local, with its own replication path', () => {
    const mergeTrees = statements.filter((s) => /ENGINE = \w*MergeTree\(/.test(s));

    expect(mergeTrees).toHaveLength(5);
    for (const statement of mergeTrees) {
      const [, table] = /^CREATE TABLE IF NOT EXISTS (\w+) ON CLUSTER c1\b/.exec(statement) ?? [];
      expect(table).toMatch(/_local$/);
      expect(statement).toMatch(
        new RegExp(
          `ENGINE = Replicated\\w*MergeTree\\('/clickhouse/tables/\\{shard\\}/\\{database\\}/${table}', '\\{replica\\}'`,
        ),
      );
    }
  });

  it('give every table that is written a Distributed twin', () => {
    const viewTargets = statements.flatMap(
      (s) => /^CREATE MATERIALIZED VIEW .* TO (\w+) AS/.exec(s)?.[1] ?? [],
    );
    // events_local is written by the event writer (through `events`), the others by materialized views.
    const written = [...new Set(['events_local', ...viewTargets])];

    expect(written).toEqual([
      'events_local',
      'traits_local',
      'activity_daily_local',
      'feature_daily_local',
      'identity_links_local',
    ]);
    for (const local of written) {
      const table = local.replace(/_local$/, '');
      const twin = statements.filter((s) =>
        s.startsWith(
          `CREATE TABLE IF NOT EXISTS ${table} ON CLUSTER c1 AS ${local} ` +
            `ENGINE = Distributed(c1, currentDatabase(), ${local}, `,
        ),
      );
      expect(twin).toHaveLength(1);
    }
  });

  it('read only local tables in materialized views', () => {
    const views = statements.filter((s) => s.startsWith('CREATE MATERIALIZED VIEW'));

    expect(views).toHaveLength(9);
    for (const view of views) {
      expect(view).toMatch(/\nFROM events_local\n/);
    }
  });
});
