import { REDACTED } from '@bindery/db';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces each value (an id or an address) where it stands as a whole token: `user-1` in "User user-1 (Acme)"
 * but not in "user-10" nor inside "user-1@x.io" (the address is a value of its own). Longer values first, so
 * an address goes before the id it starts with.
 */
export function redactor(values: readonly string[]): (text: string) => string {
  const sorted = [...new Set(values.filter((v) => v !== ''))].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\w.@+-])(?:${sorted.map(escape).join('|')})(?![\\w@+-]|\\.\\w)`, 'gi');
  return (text) => text.replace(pattern, REDACTED);
}
