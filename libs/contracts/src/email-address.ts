/** RFC 5322 `atext`: what a dot-atom local part is made of (no quotes, parentheses, colons, brackets, spaces). */
const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
const LOCAL_PART = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*$`);
/** A DNS label: letters, digits and inner hyphens, 63 at most. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const MAX_ADDRESS = 254;
const MAX_LOCAL_PART = 64;
const MAX_DOMAIN = 253;

/** What {@link parseEmailAddress} accepts, in words, for error messages. */
export const PLAIN_EMAIL_ADDRESS =
  'a plain address local@domain (no display name, comment, group, quotes, angle brackets or spaces)';

/**
 * A domain name as addresses and settings use it, lower-cased: two labels or more, each a valid DNS label, the
 * last one not all digits (an IP address is no domain). Undefined if it is not one. Internationalized names
 * are written in their `xn--` form.
 */
export function parseDomainName(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_DOMAIN) return undefined;
  const domain = value.toLowerCase();
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return undefined;
  return /^[0-9]+$/.test(labels.at(-1) ?? '') ? undefined : domain;
}

/**
 * The one reading of an email address Bindery sends to: `local@domain` with a dot-atom local part and a
 * domain name, nothing around it, lower-cased. Undefined for anything else, among them what mail software
 * would rewrite into another address (`victim@example.com(1)`, `x:victim@example.com;`, `Name <a@b.c>`,
 * `"a@b"@c.d`) and address literals (`a@[127.0.0.1]`). The returned string is what the outbox, the suppression
 * list and the frequency cap all compare.
 */
export function parseEmailAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_ADDRESS) return undefined;
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@')) return undefined;
  const local = value.slice(0, at);
  if (local.length > MAX_LOCAL_PART || !LOCAL_PART.test(local)) return undefined;
  const domain = parseDomainName(value.slice(at + 1));
  return domain === undefined ? undefined : `${local.toLowerCase()}@${domain}`;
}

/** The domain of an address {@link parseEmailAddress} returned. */
export const emailDomain = (address: string) => address.slice(address.lastIndexOf('@') + 1);
