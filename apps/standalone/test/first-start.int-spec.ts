import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CreatedProject } from '@bindery/contracts';
import { freePort } from '@bindery/testing';

const ROOT = resolve(__dirname, '../../..');
const ADMIN = `adm_first_${randomBytes(12).toString('hex')}`;
const NOTICE = 'No dashboard user yet';

/**
 * The built app on a new data directory tells the operator how to make the first dashboard user; once one
 * exists, a restart says nothing of it.
 */
describe('first start', () => {
  let dataDir: string;
  let port: number;
  let child: ChildProcess | undefined;
  const base = () => `http://127.0.0.1:${port}`;

  /** Starts the app and returns what it printed by the time it was ready and had finished bootstrapping. */
  async function start(): Promise<{ proc: ChildProcess; output: () => string }> {
    let printed = '';
    const proc = spawn(process.execPath, [join(ROOT, 'dist/apps/standalone/src/main.js')], {
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        BINDERY_ADMIN_TOKEN: ADMIN,
        QUEUE_PREFIX: `first-start-${randomBytes(4).toString('hex')}`,
        RULES_INTERVAL_SECONDS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ready = await fetch(`${base()}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return { proc, output: () => printed };
      if (Date.now() > deadline || proc.exitCode !== null)
        throw new Error(`the app did not start:\n${printed}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function stop(proc: ChildProcess): Promise<void> {
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bindery-first-start-'));
    port = await freePort();
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says how to create the first user until there is one', async () => {
    const first = await start();
    child = first.proc;
    expect(first.output()).toContain(NOTICE);
    expect(first.output()).toContain('npm run bindery -- create-user');

    const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const project = (await (
      await fetch(`${base()}/v1/projects`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ name: 'first start' }),
      })
    ).json()) as CreatedProject;
    const created = await fetch(`${base()}/v1/users`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({
        email: `owner-${randomBytes(4).toString('hex')}@first-start.test`,
        password: 'a long enough password',
        projectId: project.id,
      }),
    });
    expect(created.status).toBe(201);
    await stop(first.proc);

    const second = await start();
    child = second.proc;
    expect(second.output()).not.toContain(NOTICE);
    await stop(second.proc);
  }, 240_000);
});
