import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in-process on a loopback port, keeping every message it accepts. */
export interface TestSmtp {
  /** For SMTP_URL. */
  url: string;
  /** The messages accepted while their client was still connected to hear it, in that order. */
  received: ParsedMail[];
  /** The messages whose To names this address (any case). */
  to(address: string): ParsedMail[];
  /** How many messages the server holds right now before accepting them (see `acceptDelayMs`). */
  held(): number;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  /** A refusal of mail to this recipient (an SMTP reply code and its text), or undefined to take it. */
  refuse?: (recipient: string) => { code: number; message: string } | undefined;
  /** How long the server holds each message before accepting it: the time in which a client may die. */
  acceptDelayMs?: number;
}

/**
 * Starts an SMTP server that accepts every message (no TLS, no auth), parsed as mail clients read it; a
 * message counts as received only if its client is still there when the server accepts it.
 */
export async function startTestSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const closed = new Set<string>();
  let held = 0;
  const accept = (mail: ParsedMail, session: string, callback: () => void) => {
    if (!closed.has(session)) received.push(mail);
    callback();
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onClose: (session) => closed.add(session.id),
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.(address.address);
      if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const delay = options.acceptDelayMs ?? 0;
          if (delay === 0) return accept(mail, session.id, callback);
          held++;
          setTimeout(() => {
            held--;
            accept(mail, session.id, callback);
          }, delay);
        })
        .catch(callback);
    },
  });
  // A client killed mid-message resets its connection: the server's way of noticing, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const addresses = (mail: ParsedMail) =>
    [mail.to ?? []].flat().flatMap((to) => to.value.map((v) => (v.address ?? '').toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((mail) => addresses(mail).includes(address.toLowerCase())),
    held: () => held,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
