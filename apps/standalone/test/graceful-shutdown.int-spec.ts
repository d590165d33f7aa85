import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type CreatedProject } from '@bindery/contracts';
import { freePort } from '@bindery/testing';

const ROOT = resolve(__dirname, '../../..');
const ADMIN = `adm_shutdown_${randomBytes(12).toString('hex')}`;
/** Events wait this long in the group-commit buffer: the signal arrives while they are still there. */
const FLUSH_INTERVAL_MS = 1_500;

/**
 * SIGTERM to the running app (built, as a process) while requests are in its group-commit buffer and more keep
 * coming: the requests it had taken are answered 200 once their events are in ClickHouse, later ones are
 * refused (503, or no connection), and after a restart exactly the acknowledged events are there.
 */
describe('graceful shutdown on SIGTERM', () => {
  let dataDir: string;
  let port: number;
  let child: ChildProcess | undefined;
  const env = () => ({
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    BINDERY_ADMIN_TOKEN: ADMIN,
    QUEUE_PREFIX: `shutdown-${randomBytes(4).toString('hex')}`,
    RULES_INTERVAL_SECONDS: '0',
    INGEST_FLUSH_INTERVAL_MS: String(FLUSH_INTERVAL_MS),
    LOG_LEVEL: 'warn',
  });
  const base = () => `http://127.0.0.1:${port}`;

  async function start(): Promise<ChildProcess> {
    const proc = spawn(process.execPath, [join(ROOT, 'dist/apps/standalone/src/main.js')], {
      env: env(),
      stdio: 'ignore',
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`${base()}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return proc;
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error('the app did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bindery-shutdown-'));
    port = await freePort();
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers what it took, refuses the rest, and loses nothing it acknowledged', async () => {
    child = await start();
    const project = (await (
      await fetch(`${base()}/v1/projects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'shutdown' }),
      })
    ).json()) as CreatedProject;

    const send = async (n: number) => {
      const ids = Array.from({ length: 50 }, () => randomUUID());
      const status = await fetch(`${base()}/v1/batch`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${project.writeKey}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          batch: ids.map((messageId) => ({ type: 'track', event: 'Shutdown', userId: `u${n}`, messageId })),
        }),
      }).then(
        (r) => r.status,
        () => 0,
      );
      return { ids, status };
    };

    const before = Array.from({ length: 20 }, (_, i) => send(i));
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      child!.once('exit', (code, signal) => r({ code, signal })),
    );
    child.kill('SIGTERM');
    const during: ReturnType<typeof send>[] = [];
    for (let i = 0; i < 10; i++) {
      during.push(send(100 + i));
      await new Promise((r) => setTimeout(r, 50));
    }

    const taken = await Promise.all(before);
    const late = await Promise.all(during);
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    expect(taken.map((r) => r.status)).toEqual(taken.map(() => 200));
    expect(late.every((r) => [200, 503, 0].includes(r.status))).toBe(true);

    child = await start();
    const stored = new Set<string>();
    let cursor: string | undefined;
    do {
      const url = `${base()}/v1/projects/${project.id}/events?limit=1000${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (
        await fetch(url, { headers: { authorization: `Bearer ${project.secretKey}` } })
      ).json()) as {
        events: { id: string }[];
        nextCursor: string | null;
      };
      for (const e of page.events) stored.add(e.id);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const acknowledged = [...taken, ...late].filter((r) => r.status === 200).flatMap((r) => r.ids);
    expect(stored.size).toBe(acknowledged.length);
    expect(acknowledged.every((id) => stored.has(id))).toBe(true);
  });
});
