// The operator CLI's commands (create-project, rotate-key, run-rules, migrate).
import { Command, Option } from 'commander';
import {
  ClickHouseMigrator,
  createClickHouseClient,
  defaultMigrationsDir,
  readMigrations,
} from '@bindery/clickhouse';
import { loadConfig } from '@bindery/config';
import { createDatabase, migrateDatabase } from '@bindery/db';

interface Globals {
  url: string;
  token?: string;
  json?: boolean;
}

/** Calls the API with the admin token; an answer other than 2xx is an error with the API's message. */
async function api<T>(g: Globals, method: string, path: string, body?: unknown): Promise<T> {
  if (!g.token) throw new Error('the admin token is required: --token or BINDERY_ADMIN_TOKEN');
  const res = await fetch(`${g.url.replace(/\/$/, '')}${path}`, {
    method,
    headers: { authorization: `Bearer ${g.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    const message = (JSON.parse(text || '{}') as { error?: { message?: string } }).error?.message ?? text;
    throw new Error(`${method} ${path}: ${res.status} ${message}`);
  }
  return JSON.parse(text) as T;
}

/**
 * The CLI, writing its results with `out` (stdout in use, a buffer in tests) and asking for a password with
 * `readSecret` (the terminal, without echo, in use).
 */
export function bindery(
  out: (text: string) => void,
  readSecret: (prompt: string) => Promise<string> = () => Promise.reject(new Error('no terminal to ask on')),
): Command {
  /** Prints a result as JSON for scripts, or as its lines for people. */
  const show = (g: Globals, value: unknown, lines: string[]) =>
    out(g.json ? JSON.stringify(value) : lines.join('\n'));
  const program = new Command('bindery')
    .description('Operator commands for a Bindery deployment')
    .addOption(
      new Option('--url <url>', 'Bindery API base URL').env('BINDERY_URL').default('http://localhost:8080'),
    )
    .addOption(new Option('--token <token>', 'admin token').env('BINDERY_ADMIN_TOKEN'))
    .option('--json', 'print JSON, for scripts')
    .showHelpAfterError();

  const globals = () => program.opts<Globals>();

  program
    .command('create-project')
    .description('Create a project; prints its write key (for SDKs) and secret key (for the API), once')
    .argument('<name>', 'project name')
    .action(async (name: string) => {
      const p = await api<{ id: string; name: string; writeKey: string; secretKey: string }>(
        globals(),
        'POST',
        '/v1/projects',
        { name },
      );
      show(globals(), p, [
        `project ${p.id} (${p.name})`,
        `write key:  ${p.writeKey}`,
        `secret key: ${p.secretKey}`,
      ]);
    });

  program
    .command('rotate-key')
    .description('Issue a new write or secret key for a project and revoke the old one')
    .argument('<projectId>', 'project id')
    .addOption(new Option('--kind <kind>', 'which key').choices(['write', 'secret']).default('write'))
    .action(async (projectId: string, options: { kind: string }) => {
      const r = await api<{ kind: string; key: string }>(
        globals(),
        'POST',
        `/v1/projects/${projectId}/keys/rotate`,
        {
          kind: options.kind,
        },
      );
      show(globals(), r, [`new ${r.kind} key: ${r.key}`]);
    });

  program
    .command('run-rules')
    .description('Evaluate a project’s rules now and wait for the run to finish')
    .argument('<projectId>', 'project id')
    .action(async (projectId: string) => {
      const g = globals();
      const started = await api<{ id: string }>(g, 'POST', `/v1/projects/${projectId}/rules/run`, {});
      for (;;) {
        const run = await api<{
          id: string;
          status: string;
          counts: Record<string, number>;
          error: string | null;
        }>(g, 'GET', `/v1/projects/${projectId}/rules/runs/${started.id}`);
        if (run.status === 'done' || run.status === 'failed') {
          show(g, run, [
            `run ${run.id}: ${run.status}${run.error ? ` (${run.error})` : ''}`,
            `signals: ${run.counts.signals ?? 0}, accounts scored: ${run.counts.accountsScored ?? 0}`,
          ]);
          if (run.status === 'failed') process.exitCode = 1;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    });

  program
    .command('replay-emails')
    .description('Send a project’s failed emails again (a suppressed address is still skipped)')
    .argument('<projectId>', 'project id')
    .action(async (projectId: string) => {
      const r = await api<{ replayed: number }>(
        globals(),
        'POST',
        `/v1/projects/${projectId}/emails/replay`,
        {},
      );
      show(globals(), r, [`${r.replayed} failed emails queued again`]);
    });

  program
    .command('create-user')
    .description(
      'Create a dashboard user and make them a member of a project (an owner unless --role says otherwise); ' +
        'asks for the password, or reads it from BINDERY_USER_PASSWORD',
    )
    .argument('<projectId>', 'project id')
    .argument('<email>', 'the user’s email, which they sign in with')
    .addOption(
      new Option('--role <role>', 'their role in the project')
        .choices(['owner', 'admin', 'csm', 'analyst', 'viewer'])
        .default('owner'),
    )
    .option('--name <name>', 'their name')
    .action(async (projectId: string, email: string, options: { role: string; name?: string }) => {
      const password = process.env.BINDERY_USER_PASSWORD || (await readSecret(`Password for ${email}: `));
      const member = await api<{ userId: string; email: string; role: string }>(
        globals(),
        'POST',
        '/v1/users',
        {
          projectId,
          email,
          password,
          role: options.role,
          ...(options.name ? { name: options.name } : {}),
        },
      );
      show(globals(), member, [
        `user ${member.email} (${member.userId}) is ${member.role} of project ${projectId}`,
        'They sign in to the dashboard with this email and password.',
      ]);
    });

  program
    .command('migrate')
    .description(
      'Apply the ClickHouse and Postgres migrations of the configured stores (DATA_DIR, CLICKHOUSE_URL, ' +
        'DATABASE_URL); in the embedded mode, with the app stopped (chDB opens its folder in one process)',
    )
    .action(async () => {
      const config = loadConfig(process.env, { port: 0 });
      const client = createClickHouseClient(config);
      const target = { cluster: config.clickhouse.cluster };
      const clickhouse = await new ClickHouseMigrator(
        client,
        target,
        readMigrations(defaultMigrationsDir()),
      ).migrate();
      await client.close();
      const db = createDatabase(config);
      const postgres = await migrateDatabase(db);
      await db.destroy();
      show(globals(), { clickhouse, postgres }, [
        `ClickHouse: ${clickhouse.length ? clickhouse.join(', ') : 'up to date'}`,
        `Postgres: ${postgres.length ? postgres.join(', ') : 'up to date'}`,
      ]);
    });

  return program;
}
