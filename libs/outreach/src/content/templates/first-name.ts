/** The longest first name a greeting writes; a longer word is not a name. */
const MAX_NAME = 40;

/**
 * The greeting's name for a value a template passes (a user, or a name trait): the first word of its
 * `first_name`, `firstName` or `name`, or of the text itself, with a capital first letter ("jun li" → "Jun");
 * the fallback when there is none, or when it looks like an address or an id rather than a name.
 */
export function firstName(value: unknown, fallback: unknown): string {
  const otherwise = typeof fallback === 'string' ? fallback : '';
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  const raw = record ? (record.first_name ?? record.firstName ?? record.name) : value;
  if (typeof raw !== 'string') return otherwise;
  const word = raw.trim().split(/\s+/)[0] ?? '';
  if (word === '' || word.length > MAX_NAME || /[@\d_/\\]/.test(word)) return otherwise;
  return word.charAt(0).toLocaleUpperCase('en') + word.slice(1);
}
