import { BlockList, isIP } from 'node:net';
import { type OutboundAllowEntry, type OutboundConfig } from '@bindery/config';

type Family = 'ipv4' | 'ipv6';

/** Address ranges no outbound request may reach unless allow-listed, each with the words for a refusal. */
const REFUSED_RANGES: [what: string, ranges: [address: string, prefix: number, family: Family][]][] = [
  [
    'an unspecified address',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
  [
    'a loopback address',
    [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  ],
  [
    'a private address',
    [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ],
  ],
  [
    'a link-local address (cloud metadata lives there)',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  ],
  ['a carrier-grade NAT address', [['100.64.0.0', 10, 'ipv4']]],
  [
    'a multicast or broadcast address',
    [
      ['224.0.0.0', 4, 'ipv4'],
      ['255.255.255.255', 32, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ],
  ],
  [
    'a reserved or special-purpose address',
    [
      // IETF protocol assignments (Oracle Cloud's metadata is 192.0.0.192), documentation, 6to4 relays,
      // benchmarking, the old class E.
      ['192.0.0.0', 24, 'ipv4'],
      ['192.0.2.0', 24, 'ipv4'],
      ['192.88.99.0', 24, 'ipv4'],
      ['198.18.0.0', 15, 'ipv4'],
      ['198.51.100.0', 24, 'ipv4'],
      ['203.0.113.0', 24, 'ipv4'],
      ['240.0.0.0', 4, 'ipv4'],
      // IPv6 ranges that carry or translate to IPv4 (NAT64, Teredo, 6to4) and the IETF and documentation
      // blocks; everything outside global unicast (2000::/3) is refused below as well.
      ['64:ff9b::', 96, 'ipv6'],
      ['64:ff9b:1::', 48, 'ipv6'],
      ['2001::', 23, 'ipv6'],
      ['fec0::', 10, 'ipv6'],
      ['2001:db8::', 32, 'ipv6'],
      ['2002::', 16, 'ipv6'],
      ['3fff::', 20, 'ipv6'],
    ],
  ],
];

/** Names that only ever mean this machine or a private network (RFC 6761, 6762, 8375, ICANN's `.internal`). */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|home\.arpa|localdomain)$/;

const subnets = (ranges: [string, number, Family][]) => {
  const list = new BlockList();
  for (const [address, prefix, family] of ranges) list.addSubnet(address, prefix, family);
  return list;
};
const REFUSED = REFUSED_RANGES.map(([what, ranges]) => ({ what, list: subnets(ranges) }));
const GLOBAL_UNICAST_V6 = subnets([['2000::', 3, 'ipv6']]);

/** An IPv6 address as the URL parser writes it: compressed, lower-case, IPv4 tails in hex. */
const canonicalIpv6 = (address: string) => new URL(`http://[${address}]/`).hostname.slice(1, -1);

/** A URL an outbound request may go to, with what the guard knows of its host. */
export interface OutboundTarget {
  url: URL;
  /** The host to connect to: a name, or an IP address without brackets. */
  host: string;
  /** Whether the host is an IP address (no lookup happens, so its check here is the only one). */
  literal: boolean;
  /** Whether OUTBOUND_ALLOW_HOSTS names the host: then any address it resolves to may be reached. */
  allowedHost: boolean;
}

/**
 * Which addresses and URLs outbound requests may reach: public unicast addresses only, never loopback,
 * private, link-local (cloud metadata), carrier-grade NAT, multicast, unspecified or reserved ranges, in
 * whatever notation (IPv4-mapped IPv6 included), except what OUTBOUND_ALLOW_HOSTS names.
 */
export class OutboundPolicy {
  private static readonly compiled = new WeakMap<OutboundConfig, OutboundPolicy>();
  private readonly allowedSubnets = new BlockList();
  private readonly allowedHosts = new Set<string>();

  constructor(allow: readonly OutboundAllowEntry[]) {
    for (const entry of allow) {
      if (entry.kind === 'host') this.allowedHosts.add(entry.name);
      else this.allowedSubnets.addSubnet(entry.address, entry.prefix, entry.family);
    }
  }

  /** The policy of a configuration, compiled once. */
  static of(config: OutboundConfig): OutboundPolicy {
    let policy = OutboundPolicy.compiled.get(config);
    if (!policy) {
      policy = new OutboundPolicy(config.allow);
      OutboundPolicy.compiled.set(config, policy);
    }
    return policy;
  }

  /**
   * Why an outbound request may not connect to this IP address, as what it is ("a loopback address"), or
   * undefined if it may.
   */
  addressRefusal(address: string): string | undefined {
    const version = isIP(address);
    if (version === 0) return 'not an IP address';
    if (address.includes('%')) return 'a scoped (link-local) address';
    const family: Family = version === 4 ? 'ipv4' : 'ipv6';
    if (this.allowedSubnets.check(address, family)) return undefined;
    // BlockList matches an IPv4-mapped IPv6 address (::ffff:7f00:1) against the IPv4 ranges too.
    const mapped = family === 'ipv6' && /^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/.test(canonicalIpv6(address));
    const as = mapped ? ' (IPv4-mapped)' : '';
    for (const { what, list } of REFUSED) if (list.check(address, family)) return `${what}${as}`;
    if (family === 'ipv6' && !GLOBAL_UNICAST_V6.check(address, 'ipv6')) {
      return `not a global unicast address${as}`;
    }
    return undefined;
  }

  /**
   * The URL an outbound request would go to, read by the WHATWG URL parser (so `0x7f000001`, `2130706433` and
   * `127.1` are 127.0.0.1, and `[::ffff:127.0.0.1]` is `::ffff:7f00:1`), or why it may not be one: not
   * http(s), a local name, or a literal address that is refused. Names are resolved only when connecting.
   */
  target(text: string): OutboundTarget | { refused: string } {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { refused: 'is not a URL' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refused: 'must be http or https' };
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host === '') return { refused: 'has no host' };
    const literal = isIP(host) !== 0;
    if (literal) {
      const refusal = this.addressRefusal(host);
      return refusal === undefined
        ? { url, host, literal, allowedHost: false }
        : { refused: `points at ${host}, ${refusal}` };
    }
    const name = host.replace(/\.$/, '');
    const allowedHost = this.allowedHosts.has(host) || this.allowedHosts.has(name);
    if (!allowedHost) {
      if (LOCAL_NAME.test(name)) return { refused: `points at ${host}, a name for local or internal hosts` };
      if (!name.includes('.')) return { refused: `points at ${host}, a single-label (internal) host name` };
    }
    return { url, host, literal, allowedHost };
  }
}
