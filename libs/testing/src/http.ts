import { gzipSync } from 'node:zlib';

export interface PostOptions {
  /** Authorization header value, e.g. `Basic …` or `Bearer …`. */
  authorization?: string;
  gzip?: 'header' | 'magic-bytes';
  headers?: Record<string, string>;
  /** Send this text as the body instead of JSON.stringify(body). */
  raw?: string;
}

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** POSTs JSON over real HTTP (optionally gzip, announced or not) and parses the JSON answer. */
export async function postJson<T = any>(
  url: string,
  body: unknown,
  options: PostOptions = {},
): Promise<JsonResponse<T>> {
  const text = options.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.authorization) headers.authorization = options.authorization;
  let payload: string | Buffer = text;
  if (options.gzip) {
    payload = gzipSync(text);
    if (options.gzip === 'header') headers['content-encoding'] = 'gzip';
  }
  const res = await fetch(url, { method: 'POST', headers, body: payload });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

/** GETs JSON over real HTTP with an optional Bearer token. */
export async function getJson<T = any>(url: string, token?: string): Promise<JsonResponse<T>> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}

export const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
export const bearer = (token: string) => `Bearer ${token}`;
