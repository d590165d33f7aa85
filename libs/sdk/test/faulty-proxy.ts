import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** What the proxy does with one `POST /v1/batch`. */
export type Fault =
  /** Forward to ingest and pass the answer back. */
  | 'pass'
  /** Answer with this status (and Retry-After) without forwarding. */
  | { status: number; retryAfter?: string }
  /** Destroy the connection before ingest sees the request. */
  | 'drop-before'
  /** Forward, let ingest store the events, then destroy the connection instead of answering. */
  | 'drop-after';

export interface SeenRequest {
  at: number;
  headers: IncomingMessage['headers'];
  /** The message ids of the batch, in order. */
  ids: string[];
  events: Record<string, unknown>[];
  bodyBytes: number;
  fault: Fault;
  /** The status ingest (or the fault) answered; undefined when the connection was dropped. */
  status?: number;
}

/** Serves other paths (the browser test's page and bundle); returns false for the proxy to handle the request. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * A real HTTP proxy in front of ingest that fails requests on cue: a scripted list of faults for the next
 * batch requests (then `pass`), and `stop()`/`start()` to refuse connections on its port (offline).
 */
export class FaultyProxy {
  readonly seen: SeenRequest[] = [];
  faults: Fault[] = [];
  private server: Server;
  private port = 0;

  private constructor(
    private readonly target: string,
    private readonly route?: Route,
  ) {
    this.server = this.create();
  }

  static async start(target: string, route?: Route): Promise<FaultyProxy> {
    const proxy = new FaultyProxy(target, route);
    await proxy.start();
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Listens again, on the same port as before. */
  async start(): Promise<void> {
    this.server = this.create();
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening and cuts every open connection: clients get ECONNREFUSED until `start()`. */
  async stop(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  /** Forgets the requests seen and the faults left, between tests. */
  reset(): void {
    this.seen.length = 0;
    this.faults = [];
  }

  /** Every message id that reached the proxy, retries included. */
  allIds(): string[] {
    return this.seen.flatMap((r) => r.ids);
  }

  private create(): Server {
    return createServer((req, res) => {
      if (this.route?.(req, res)) return;
      void this.handle(req, res).catch(() => res.destroy());
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const isBatch = req.method === 'POST' && req.url?.startsWith('/v1/batch');
    const fault = (isBatch && this.faults.shift()) || 'pass';
    const seen = isBatch ? this.record(req, raw, fault) : undefined;
    if (fault === 'drop-before') return void req.socket.destroy();
    if (typeof fault === 'object') {
      if (seen) seen.status = fault.status;
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }),
      });
      return void res.end(
        JSON.stringify({ error: { code: 'injected', message: `injected ${fault.status}` } }),
      );
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'content-encoding', 'authorization']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(`${this.target}${req.url}`, {
      method: req.method,
      headers,
      body: raw.length ? raw : undefined,
    });
    const text = await answer.text();
    if (fault === 'drop-after') return void req.socket.destroy();
    if (seen) seen.status = answer.status;
    const retryAfter = answer.headers.get('retry-after');
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
      ...(retryAfter ? { 'retry-after': retryAfter } : {}),
    });
    res.end(text);
  }

  private record(req: IncomingMessage, raw: Buffer, fault: Fault): SeenRequest {
    const text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
    let events: Record<string, unknown>[] = [];
    try {
      events = (JSON.parse(text) as { batch: Record<string, unknown>[] }).batch;
    } catch {
      // a body that is not a batch is forwarded as it is; ingest answers it
    }
    const seen: SeenRequest = {
      at: Date.now(),
      headers: req.headers,
      ids: events.map((e) => String(e.messageId)),
      events,
      bodyBytes: Buffer.byteLength(text),
      fault,
    };
    this.seen.push(seen);
    return seen;
  }
}
