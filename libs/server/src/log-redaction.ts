/** Query parameters whose values are secrets in a log: an unsubscribe token holds the address and works alone. */
const SECRET_PARAMS = /([?&](?:token)=)[^&#]*/gi;

/** The URL as it may be logged: secret query values replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[Redacted]');
}

/** The request as pino-http serialized it, with its URL and query redacted. */
export function redactRequest<T extends { url?: string; query?: Record<string, unknown> }>(req: T): T {
  const query = req.query && 'token' in req.query ? { ...req.query, token: '[Redacted]' } : req.query;
  return { ...req, url: req.url === undefined ? undefined : redactUrl(req.url), query };
}
