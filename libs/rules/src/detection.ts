/** Whom a detection is about: a person (with the account of their last action, if any) or an account. */
export interface Subject {
  userId?: string;
  accountId?: string;
}

/** What a rule found: a subject, the period it is about (one signal per subject and period) and why. */
export interface Detection {
  subject: Subject;
  periodKey: string;
  details: Record<string, unknown>;
}

/** The key that makes a signal unique per subject: `user:<id>` or `account:<id>`. */
export const subjectKey = (s: Subject): string =>
  s.userId !== undefined ? `user:${s.userId}` : `account:${s.accountId ?? ''}`;

/** Days are UTC day numbers (days since 1970-01-01); `today` is the day of the evaluation. */
export const DAY_MS = 86_400_000;
export const dayNumber = (ms: number) => Math.floor(ms / DAY_MS);
export const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
