/** The dashboard's one way to call Bindery: JSON over fetch, with the session's cookie (and CSRF token). */

/** An error answer of the API (`{ error: { code, message } }`), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryParams = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  /** The session's CSRF token, which every change carries (X-CSRF-Token). */
  csrfToken?: string;
  signal?: AbortSignal;
}

/** Builds `path?query`, leaving out empty values; values are encoded, never pasted. */
export function withQuery(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Reads in flight at once. The API runs at most four reports of a project at a time (its default
 * REPORT_MAX_CONCURRENT_PER_PROJECT) and answers a fifth with 429; a page of many reports (Outcomes asks for
 * two per rule) queues its reads here instead of having some refused and retried a second later.
 */
const MAX_READS = 4;
let reading = 0;
const waiting: (() => void)[] = [];

function acquireRead(): Promise<void> {
  if (reading < MAX_READS) {
    reading++;
    return Promise.resolve();
  }
  return new Promise((resolve) => waiting.push(resolve));
}

/** Hands the slot to the next read waiting, else frees it. */
function releaseRead(): void {
  const next = waiting.shift();
  if (next) next();
  else reading--;
}

/** A GET, or a report asked for by POST (`…/query`): what the API's report limits count. */
const isRead = (path: string, options: RequestOptions) =>
  (options.method ?? 'GET') === 'GET' || (options.method === 'POST' && path.endsWith('/query'));

export async function request<T>(path: string, options: RequestOptions): Promise<T> {
  if (!isRead(path, options)) return send(path, options);
  await acquireRead();
  try {
    return await send(path, options);
  } finally {
    releaseRead();
  }
}

async function send<T>(path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Bindery did not answer. Check that it is running, then retry.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const body: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
