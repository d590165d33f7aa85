export type AbcClass = 'A' | 'B' | 'C';

/**
 * ABC classes by MRR: A the accounts that make up the first 80% of all MRR (largest first), B the next 15%,
 * C the rest and every account without MRR. An account straddling a boundary joins the higher class. Equal
 * MRR is ordered by account id, so the classes are stable from run to run.
 */
export function abcClasses(accounts: { accountId: string; mrr: number | null }[]): Map<string, AbcClass> {
  // In whole cents, so that the 80% and 95% boundaries are exact for MRR like 49.50.
  const paying = accounts
    .filter((a): a is { accountId: string; mrr: number } => a.mrr !== null && a.mrr > 0)
    .map((a) => ({ accountId: a.accountId, mrr: Math.round(a.mrr * 100) }))
    .sort((a, b) => b.mrr - a.mrr || (a.accountId < b.accountId ? -1 : 1));
  const total = paying.reduce((sum, a) => sum + a.mrr, 0);
  const classes = new Map<string, AbcClass>(accounts.map((a) => [a.accountId, 'C']));
  let before = 0;
  for (const a of paying) {
    classes.set(a.accountId, before * 100 < 80 * total ? 'A' : before * 100 < 95 * total ? 'B' : 'C');
    before += a.mrr;
  }
  return classes;
}
