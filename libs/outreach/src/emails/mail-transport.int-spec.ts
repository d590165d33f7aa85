import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Worker } from 'node:worker_threads';
import { loadConfig } from '@bindery/config';
import { startTestSmtp, type TestSmtp, until } from '@bindery/testing';
import { classifySendError, MailTransport, type OutgoingMail } from './mail-transport';

/** The transport's worker thread against a real SMTP server in-process, and writing `.eml` files without one. */
describe('MailTransport', () => {
  const dirs: string[] = [];
  const servers: TestSmtp[] = [];
  const transports: MailTransport[] = [];
  const open = (env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bindery-mail-'));
    dirs.push(dataDir);
    const transport = new MailTransport(
      loadConfig({ DATA_DIR: dataDir, MAIL_FROM: 'Bindery <bindery@example.com>', ...env }, { port: 0 }),
    );
    transports.push(transport);
    return { transport, dataDir };
  };
  const smtp = async (options: Parameters<typeof startTestSmtp>[0] = {}) => {
    const server = await startTestSmtp(options);
    servers.push(server);
    return server;
  };
  const mail = (id: string, to: string): OutgoingMail => ({
    id,
    to,
    subject: `Subject ${id} ✓`,
    html: `<p>Body of ${id}</p>`,
    text: `Body of ${id}`,
    headers: { 'List-Unsubscribe': `<https://bindery.example.com/u/${id}>` },
  });

  afterAll(async () => {
    await Promise.all(transports.map((t) => t.onApplicationShutdown()));
    await Promise.all(servers.map((s) => s.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('sends side by side, each answered with its Message-ID, and keeps the SMTP reply code of a refusal', async () => {
    const server = await smtp({
      refuse: (to) =>
        to.startsWith('gone@')
          ? { code: 550, message: 'No such user' }
          : to.startsWith('busy@')
            ? { code: 451, message: 'Try again later' }
            : undefined,
    });
    const { transport } = open({ SMTP_URL: server.url });
    const ids = Array.from({ length: 60 }, (_, i) => `m${i}`);
    const sent = await Promise.all(ids.map((id) => transport.send(mail(id, `${id}@example.com`))));
    expect(sent).toEqual(ids.map((id) => `<${id}@bindery>`));
    expect(server.received.map((m) => m.messageId).sort()).toEqual([...sent].sort());
    const first = server.to('m0@example.com')[0];
    expect([first?.subject, first?.text?.trim(), first?.from?.text]).toEqual([
      'Subject m0 ✓',
      'Body of m0',
      '"Bindery" <bindery@example.com>',
    ]);
    expect(first?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toBe(
      'List-Unsubscribe: <https://bindery.example.com/u/m0>',
    );

    const outcomes = await Promise.allSettled([
      transport.send(mail('g', 'gone@example.com')),
      transport.send(mail('b', 'busy@example.com')),
      transport.send({
        ...mail('f', 'ok@example.com'),
        from: { name: 'Acme Training', address: 'hi@acme.example' },
      }),
    ]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? classifySendError(o.reason) : o.value))).toEqual([
      'bounce',
      'transient',
      '<f@bindery>',
    ]);
    expect(server.to('ok@example.com')[0]?.from?.text).toBe('"Acme Training" <hi@acme.example>');
  });

  it('writes each message to DATA_DIR/outbox without SMTP_URL', async () => {
    const { transport, dataDir } = open({});
    await expect(transport.send(mail('file-1', 'ann@example.com'))).resolves.toBe('<file-1@bindery>');
    const eml = readFileSync(join(dataDir, 'outbox', 'file-1.eml'), 'utf8');
    expect(eml).toContain('Message-ID: <file-1@bindery>');
    expect(eml).toContain('To: ann@example.com');
  });

  it('fails the sends a dead worker held as transient, and sends the next through a new one', async () => {
    const server = await smtp({ acceptDelayMs: 2_000 });
    const { transport } = open({ SMTP_URL: server.url });
    const held = transport.send(mail('held', 'held@example.com'));
    await until(
      'the message held',
      async () => server.held(),
      (n) => n === 1,
      10_000,
    );
    // The worker thread is the transport's own; ending it from outside is how a crash of it looks.
    const { current } = transport as unknown as { current: { worker: Worker } };
    await current.worker.terminate();
    const error = await held.catch((e: unknown) => e);
    expect([(error as Error).message, classifySendError(error)]).toEqual([
      'the mail worker exited (1)',
      'transient',
    ]);
    await expect(transport.send(mail('next', 'next@example.com'))).resolves.toBe('<next@bindery>');
    expect(server.received.map((m) => m.messageId)).toEqual(['<next@bindery>']);
  });
});
