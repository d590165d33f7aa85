import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { workerScript } from '../worker-script';

/** One message as the outbox holds it. */
export interface OutgoingMail {
  /** The outbox row's id: also the Message-ID, so a receiver can recognise a repeat. */
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Whom it comes from (a project's brand sender); left out: MAIL_FROM. */
  from?: { name: string | null; address: string };
}

/** How a failed send is handled: retried later, failed for good, or failed and the address suppressed. */
export type SendFailure = 'transient' | 'permanent' | 'bounce';

const BOUNCE_CODES = new Set([550, 551, 553]);

/**
 * Reads a failed send's error: a 4xx reply or a lost connection is transient, a 5xx reply permanent, and a
 * refused mailbox (550, 551, 553) a hard bounce.
 */
export function classifySendError(error: unknown): SendFailure {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  if (typeof code !== 'number') return 'transient';
  if (code >= 500) return BOUNCE_CODES.has(code) ? 'bounce' : 'permanent';
  return 'transient';
}

/** The mail worker's settings: pooled SMTP at `transportUrl`, else `.eml` files in `outboxDir`. */
export interface MailWorkerData {
  transportUrl?: string;
  outboxDir?: string;
  mailFrom: string;
}

/** What the transport sends its worker: mails, each numbered for its reply. */
export interface MailBatch {
  mails: { seq: number; mail: OutgoingMail }[];
}

/** A send's outcome: the Message-ID, or the error (nodemailer's SMTP reply code and error code kept). */
export type MailReply =
  | { seq: number; messageId: string }
  | { seq: number; error: { message: string; responseCode?: number; code?: string } };

interface Waiting {
  resolve: (messageId: string) => void;
  reject: (error: Error) => void;
}

/** A started worker and the sends it was given that have not been answered yet. */
interface Running {
  worker: Worker;
  inFlight: Map<number, Waiting>;
}

/**
 * Pooled SMTP when SMTP_URL is set; otherwise `.eml` files under DATA_DIR/outbox (the embedded default). The
 * messages are built and sent by nodemailer in a worker thread, started at the first send: on the notifier's
 * path nodemailer took about 40 % of the main thread (`npm run bench:notify`). Sends made in one turn of the
 * event loop go to the worker in one message, and its replies come back the same way. A worker that dies fails
 * the sends it held as transient (no SMTP reply): their rows are sent again, with the same Message-ID.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly settings: MailWorkerData;
  /** The worker being started or running; `current` once it runs. */
  private running?: Promise<Running>;
  private current?: Running;
  /** Sends asked for in this turn of the event loop, for the worker's next message. */
  private queued: (MailBatch['mails'][number] & Waiting)[] = [];
  private seq = 0;
  private closed = false;

  constructor(@Inject(BINDERY_CONFIG) config: BinderyConfig) {
    if (config.smtpUrl) {
      // nodemailer reads a URL's options from its query, and only from there when given a URL.
      const url = new URL(config.smtpUrl);
      url.searchParams.set('pool', 'true');
      url.searchParams.set('maxConnections', '5');
      this.settings = { transportUrl: url.toString(), mailFrom: config.mailFrom };
    } else {
      this.settings = { outboxDir: join(config.dataDir, 'outbox'), mailFrom: config.mailFrom };
    }
  }

  /** Sends, resolving once the server accepted the message (or the file is written); returns the Message-ID. */
  send(mail: OutgoingMail): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the mail transport is closed'));
    return new Promise((resolve, reject) => {
      if (this.queued.push({ seq: ++this.seq, mail, resolve, reject }) === 1) {
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * Sends what is queued and stops the worker once it has answered every send it holds: the messages on the
   * wire finish, those still waiting for a connection fail as transient (a server that never answers is given
   * 10 s). Sends asked for from then on fail as transient too.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.flush();
    const running = await this.running?.catch(() => undefined);
    if (!running) return;
    const exited = once(running.worker, 'exit');
    running.worker.postMessage('close');
    const timer = setTimeout(() => void running.worker.terminate(), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private async flush(): Promise<void> {
    const sends = this.queued;
    if (sends.length === 0) return;
    this.queued = [];
    try {
      const running = await this.start();
      for (const { seq, resolve, reject } of sends) running.inFlight.set(seq, { resolve, reject });
      running.worker.postMessage({
        mails: sends.map(({ seq, mail }) => ({ seq, mail })),
      } satisfies MailBatch);
    } catch (error) {
      for (const { reject } of sends) reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private start(): Promise<Running> {
    this.running ??= this.spawn().catch((error: unknown) => {
      this.running = undefined;
      throw error;
    });
    return this.running;
  }

  private async spawn(): Promise<Running> {
    const { script, evaluate } = await workerScript(__dirname, 'mail.worker', __filename);
    const worker = new Worker(script, { eval: evaluate, workerData: this.settings });
    // An idle worker never keeps the process alive.
    worker.unref();
    const [first] = (await Promise.race([once(worker, 'message'), once(worker, 'exit')])) as unknown[];
    if (first !== 'ready') throw new Error(`the mail worker did not start (${String(first)})`);
    const running: Running = { worker, inFlight: new Map() };
    this.current = running;
    worker.on('message', ({ replies }: { replies: MailReply[] }) => this.answer(running, replies));
    worker.on('error', (error) => this.lost(running, error));
    worker.on('exit', (code) => this.lost(running, new Error(`the mail worker exited (${code})`)));
    return running;
  }

  private answer(running: Running, replies: MailReply[]): void {
    for (const reply of replies) {
      const waiting = running.inFlight.get(reply.seq);
      running.inFlight.delete(reply.seq);
      if (!waiting) continue;
      if ('messageId' in reply) waiting.resolve(reply.messageId);
      else waiting.reject(Object.assign(new Error(reply.error.message), reply.error));
    }
  }

  /** The worker died: its unanswered sends fail as transient, and the next send starts another. */
  private lost(running: Running, error: Error): void {
    if (this.current === running) {
      this.current = undefined;
      this.running = undefined;
    }
    for (const waiting of running.inFlight.values()) waiting.reject(error);
    running.inFlight.clear();
  }
}
