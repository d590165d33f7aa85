/** The zone a project's reports take their days in until it sets one. */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * An IANA time zone name (`Europe/Berlin`, `UTC`) in its canonical spelling, or undefined for anything else:
 * offsets such as `+01:00` and unknown names are refused, because ClickHouse takes only names from its zone
 * database.
 */
export function parseTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value))
    return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
