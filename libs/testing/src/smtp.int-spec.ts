import { createTransport } from 'nodemailer';
import { startTestSmtp, type TestSmtp } from './smtp';
import { until } from './until';

/** The SMTP server the notifier specs send to, driven by a real client (nodemailer). */
describe('startTestSmtp', () => {
  const servers: TestSmtp[] = [];
  const start = async (options: Parameters<typeof startTestSmtp>[0] = {}) => {
    const smtp = await startTestSmtp(options);
    servers.push(smtp);
    return { smtp, mailer: createTransport(smtp.url) };
  };
  const mail = (to: string) => ({ from: 'bindery@example.com', to, subject: 'Hi', text: 'Hello' });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it('keeps what it accepts, by recipient in any case, and refuses what it is told to', async () => {
    const { smtp, mailer } = await start({
      refuse: (to) => (to.startsWith('bounce@') ? { code: 550, message: 'No such user' } : undefined),
    });
    await mailer.sendMail(mail('Ann@Example.com'));
    await expect(mailer.sendMail(mail('bounce@example.com'))).rejects.toMatchObject({ responseCode: 550 });

    expect(smtp.received.map((m) => m.subject)).toEqual(['Hi']);
    expect(smtp.to('ann@example.com')).toHaveLength(1);
    expect(smtp.to('bounce@example.com')).toEqual([]);
  });

  it('holds each message before accepting it', async () => {
    const { smtp, mailer } = await start({ acceptDelayMs: 300 });
    const sent = mailer.sendMail(mail('cy@example.com'));
    await until('the message held', async () => smtp.held(), (held) => held === 1, 5_000);
    expect(smtp.received).toEqual([]);
    await sent;
    expect([smtp.held(), smtp.received.length]).toEqual([0, 1]);
  });
});
