// The mail worker: builds and sends emails off the main thread (see MailTransport).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { createTransport } from 'nodemailer';
import type { MailBatch, MailReply, MailWorkerData } from './mail-transport';

const port = parentPort;
if (!port) throw new Error('mail.worker runs as a worker thread');
const { transportUrl, outboxDir, mailFrom } = workerData as MailWorkerData;
const transport = transportUrl
  ? createTransport(transportUrl)
  : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

/** Replies gather until the thread's next turn and go in one message: a message per email cost more. */
let replies: MailReply[] = [];
/** Sends not answered yet, and whether the transport asked to stop. */
let sending = 0;
let closing = false;

function reply(answer: MailReply): void {
  if (replies.push(answer) === 1) {
    setImmediate(() => {
      port?.postMessage({ replies });
      replies = [];
      if (closing && sending === 0) port?.close();
    });
  }
}

async function deliver(mail: MailBatch['mails'][number]['mail']): Promise<string> {
  const messageId = `<${mail.id}@bindery>`;
  const info = (await transport.sendMail({
    // nodemailer encodes the name as a MIME word when it needs one; the settings allow no line break in it.
    from: mail.from ? { name: mail.from.name ?? '', address: mail.from.address } : mailFrom,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers: mail.headers,
    messageId,
  })) as { message?: Buffer };
  if (outboxDir) {
    await mkdir(outboxDir, { recursive: true });
    await writeFile(join(outboxDir, `${mail.id}.eml`), info.message ?? Buffer.alloc(0));
  }
  return messageId;
}

/** A failed send's error as the transport rebuilds it: its text, SMTP reply code and nodemailer's code. */
function failure(error: unknown): Extract<MailReply, { error: unknown }>['error'] {
  const { message, responseCode, code } = error as {
    message?: unknown;
    responseCode?: unknown;
    code?: unknown;
  };
  return {
    message: typeof message === 'string' ? message : String(error),
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

async function send({ seq, mail }: MailBatch['mails'][number]): Promise<void> {
  sending++;
  const answer = await deliver(mail).then(
    (messageId): MailReply => ({ seq, messageId }),
    (error: unknown): MailReply => ({ seq, error: failure(error) }),
  );
  sending--;
  reply(answer);
}

port.on('message', (message: MailBatch | 'close') => {
  if (message === 'close') {
    // The pool finishes the messages on the wire; those still queued fail ("Connection pool was closed", no
    // SMTP reply: transient, their rows go back to pending). The thread ends once every send is answered.
    closing = true;
    transport.close();
    if (sending === 0 && replies.length === 0) port.close();
    return;
  }
  for (const mail of message.mails) void send(mail);
});
port.postMessage('ready');
