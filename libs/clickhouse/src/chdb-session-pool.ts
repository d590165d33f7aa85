import { type ChdbConnection, createChdbConnection } from 'chdb/connection';

/**
 * chDB sessions on one data directory, one per query in flight and at most `size`: a query waits for a free one.
 * It stands in for a connection of `@clickhouse/client`, as one chDB session does.
 *
 * Measured on chDB 3.4: queries on one session run one after the other (a 7 s query held a one-row insert on
 * the same session for 7 s; on another session the insert took 3 ms), while sessions run side by side. chDB
 * runs every query that has parameters, on any session, through one process-wide chain (its parameter binding
 * is not safe across sessions), so one long report held every other report; here parameters travel as
 * `SET param_<name>` statements in front of the query instead, state of the session that runs it (the engine
 * still binds each `{name:Type}` placeholder; no value is written into the query). And a session whose query
 * failed is closed, never reused: after a timeout, chDB hands the rows the query had made to the session's next
 * query, ahead of that query's own.
 */
export class ChdbSessionPool {
  private readonly idle: ChdbConnection[] = [];
  private readonly waiting: ((session: ChdbConnection) => void)[] = [];
  private opened = 0;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly size: number,
  ) {}

  query(params: Parameters<ChdbConnection['query']>[0]) {
    return this.run((s) => s.query(withInlineParams(params)));
  }

  exec(params: Parameters<ChdbConnection['exec']>[0]) {
    return this.run((s) => s.exec(withInlineParams(params)));
  }

  command(params: Parameters<ChdbConnection['command']>[0]) {
    return this.run((s) => s.command(withInlineParams(params)));
  }

  insert(params: Parameters<ChdbConnection['insert']>[0]) {
    return this.run((s) => s.insert(withInlineParams(params)));
  }

  ping(params: Parameters<ChdbConnection['ping']>[0]) {
    return this.run((s) => s.ping(params));
  }

  /** Closes the idle sessions now and the busy ones as their queries end; later queries are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((s) => s.close()));
  }

  private async run<T>(call: (session: ChdbConnection) => Promise<T>): Promise<T> {
    const session = await this.acquire();
    let failed = true;
    try {
      const result = await call(session);
      failed = false;
      return result;
    } finally {
      this.release(session, failed);
    }
  }

  private acquire(): Promise<ChdbConnection> {
    if (this.closed) return Promise.reject(new Error('the ClickHouse report sessions are closed'));
    const ready = this.idle.pop();
    if (ready) return Promise.resolve(ready);
    if (this.opened < this.size) return Promise.resolve(this.open());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private open(): ChdbConnection {
    this.opened++;
    return createChdbConnection({ path: this.path });
  }

  /** Hands the session to the next query waiting, or keeps it; a failed one is closed and replaced. */
  private release(session: ChdbConnection, failed: boolean): void {
    const next = this.closed ? undefined : this.waiting.shift();
    if (failed || this.closed) {
      this.opened--;
      void session.close();
      if (next) next(this.open());
    } else if (next) {
      next(session);
    } else {
      this.idle.push(session);
    }
  }
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** ClickHouse's escaped (TSV) form of the characters that need it; a string literal's also escapes `'`. */
const ESCAPED: Record<string, string> = {
  '\\': '\\\\',
  '\0': '\\0',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};
const QUOTED: Record<string, string> = { ...ESCAPED, "'": "\\'" };
const escapeWith = (text: string, table: Record<string, string>) =>
  text.replace(/[\\\0\b\f\n\r\t']/g, (c) => table[c] ?? c);

/** A value as a ClickHouse literal: what a query parameter's text holds inside an array. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return `'${escapeWith(value, QUOTED)}'`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
      throw new Error(`Query parameter ${value} is not a finite number that a double holds exactly`);
    }
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(literal).join(',')}]`;
  throw new Error(`Query parameters of type ${typeof value} are not supported`);
}

/**
 * The text of a query parameter, as ClickHouse reads `param_<name>` (and as chDB's own binding writes it): a
 * string in the escaped (TSV) form, NULL as `\N`, anything else as a literal.
 */
function paramText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return typeof value === 'string' ? escapeWith(value, ESCAPED) : literal(value);
}

/** The longest query text with its parameters: the request body limit of any list a query may bind, and more. */
const MAX_QUERY_TEXT_BYTES = 256 * 2 ** 20;

/** The query with its parameters set in front (`SET param_<name> = '<text>';`), and none left to bind. */
export function withInlineParams<P extends { query: string; query_params?: Record<string, unknown> }>(
  params: P,
): P {
  const entries = Object.entries(params.query_params ?? {});
  if (entries.length === 0) return params;
  const sets = entries.map(([name, value]) => {
    if (!PARAM_NAME.test(name)) throw new Error(`Invalid query parameter name ${JSON.stringify(name)}`);
    return `SET param_${name} = '${escapeWith(paramText(value), QUOTED)}';\n`;
  });
  // The values are now part of the query's text, which max_query_size (256 KiB) bounds: a rule's list of
  // thousands of users would exceed it. The statements after this one are parsed with the larger bound.
  const size = `SET max_query_size = ${MAX_QUERY_TEXT_BYTES};\n`;
  return { ...params, query: `${size}${sets.join('')}${params.query}`, query_params: undefined };
}
