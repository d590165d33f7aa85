import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type LookupFunction } from 'node:net';
import { type OutboundPolicy, type OutboundTarget } from './outbound-policy';

/** How long a save waits for DNS before it leaves the check to the sending. */
const SAVE_LOOKUP_MS = 3_000;

/**
 * An outbound request the policy refuses (a private address, a local name, a redirect): sending it again
 * cannot succeed, unlike a timeout or a refused connection.
 */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
}

/** Resolves a name to all its addresses; the system resolver unless a test gives another. */
export type Resolver = (host: string, family: 0 | 4 | 6) => Promise<LookupAddress[]>;

/** The name's addresses, all of them (IPv4 and IPv6), as the system resolver gives them. */
const resolveAll: Resolver = (host, family) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, family }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** Why the addresses may not be reached, naming the first that is refused; undefined if all may. */
function refusalOf(policy: OutboundPolicy, target: OutboundTarget, addresses: LookupAddress[]) {
  if (target.allowedHost) return undefined;
  for (const { address } of addresses) {
    const refusal = policy.addressRefusal(address);
    if (refusal !== undefined) return `${target.host} resolves to ${address}, ${refusal}`;
  }
  return undefined;
}

/**
 * Why a URL may not be saved as an outbound target (a webhook), or undefined if it may: the checks of
 * {@link OutboundPolicy.target}, then every address the name resolves to now. A name that does not resolve
 * (yet) is accepted: each request checks again when it connects.
 */
export async function outboundUrlRefusal(
  policy: OutboundPolicy,
  url: string,
  resolver: Resolver = resolveAll,
): Promise<string | undefined> {
  const target = policy.target(url);
  if ('refused' in target) return target.refused;
  if (target.literal || target.allowedHost) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const addresses = await Promise.race([
    resolver(target.host, 0).catch(() => []),
    new Promise<LookupAddress[]>((resolve) => (timer = setTimeout(() => resolve([]), SAVE_LOOKUP_MS))),
  ]).finally(() => clearTimeout(timer));
  return refusalOf(policy, target, addresses);
}

/**
 * A lookup for the socket that resolves the name once, checks every address, and hands the checked ones to
 * the connection: the addresses checked are the addresses connected to (no second lookup to rebind).
 */
function guardedLookup(policy: OutboundPolicy, target: OutboundTarget, resolver: Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname, options.family === 4 || options.family === 6 ? options.family : 0).then(
      (addresses) => {
        const refusal = refusalOf(policy, target, addresses);
        if (refusal !== undefined) return callback(new OutboundRefused(refusal), '', 0);
        const [first] = addresses;
        if (first === undefined) return callback(new Error(`${hostname} has no address`), '', 0);
        if (options.all) return callback(null, addresses);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

export interface OutboundRequest {
  method: 'POST' | 'PUT' | 'GET';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** How names are resolved: the system resolver unless given (tests stand in a DNS that rebinds). */
  resolver?: Resolver;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
}

/**
 * The one way Bindery makes an HTTP request to a URL a project chose. The URL and every address its name
 * resolves to are checked against the policy, the connection goes to the checked address, and a redirect is
 * not followed: it fails with OutboundRefused naming where it pointed. Resolves with the status of a
 * non-redirect answer (the body is not read); rejects with OutboundRefused, or the network error.
 */
export function outboundRequest(
  policy: OutboundPolicy,
  url: string,
  init: OutboundRequest,
): Promise<OutboundResponse> {
  const target = policy.target(url);
  // The URL itself stays out of the message: its path or query may hold a token (Slack's do).
  if ('refused' in target) return Promise.reject(new OutboundRefused(`the URL ${target.refused}`));
  const { url: parsed, host } = target;
  const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
  const auth = parsed.username
    ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`
    : undefined;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const req = send(
      {
        protocol: parsed.protocol,
        hostname: host,
        port: parsed.port || undefined,
        path: `${parsed.pathname}${parsed.search}`,
        method: init.method,
        auth,
        headers: { ...init.headers, connection: 'close' },
        // A socket of its own: a pooled one could have been opened for a request with another policy.
        agent: false,
        lookup: guardedLookup(policy, target, init.resolver ?? resolveAll),
        ...(target.literal ? {} : { servername: host.replace(/\.$/, '') }),
        signal: AbortSignal.timeout(init.timeoutMs),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.destroy();
        if (status >= 300 && status < 400) {
          const location = res.headers.location;
          reject(
            new OutboundRefused(
              `answered ${status}${location ? ` redirecting to ${location.slice(0, 500)}` : ''}; redirects are not followed`,
            ),
          );
        } else resolve({ status, headers: res.headers });
      },
    );
    req.on('error', (error: Error) =>
      reject(
        error.name === 'AbortError' || error.name === 'TimeoutError'
          ? new Error(`no answer from ${host} within ${init.timeoutMs} ms`, { cause: error })
          : error,
      ),
    );
    req.end(init.body);
  });
}
