import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in-process on a loopback port, keeping every message it accepts. */
export interface TestSmtp {
  /** For SMTP_URL. */
  url: string;
  received: ParsedMail[];
  /** The messages whose To names this address (any case). */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

/** Starts an SMTP server that accepts every message (no TLS, no auth), parsed as mail clients read it. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const addresses = (mail: ParsedMail) =>
    [mail.to ?? []].flat().flatMap((to) => to.value.map((v) => (v.address ?? '').toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((mail) => addresses(mail).includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
