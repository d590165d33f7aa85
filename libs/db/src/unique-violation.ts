/** Postgres' unique_violation, as both pg and PGlite report it (`code` and `constraint` on the error). */
const UNIQUE_VIOLATION = '23505';

/** Whether a write failed on the named unique constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === UNIQUE_VIOLATION && e.constraint === constraint;
}
