import type { AccountList, AccountListItem, AccountOverview } from '@bindery/contracts';
import { useProjectGet, useProjectPages } from '../../api/hooks';
import type { QueryParams } from '../../api/client';

/** Accounts a page of the list holds: the server sorts, filters and pages, the browser shows a page at a time. */
export const PAGE_SIZE = 100;

/**
 * The accounts as the server ranks them (sort and filters in `query`), a page at a time. The key starts like
 * `useProjectGet('accounts')`, so a change that refreshes accounts refreshes this too.
 */
export function useAccountPages(query: QueryParams) {
  return useProjectPages<AccountList, AccountListItem>(
    'accounts',
    { limit: PAGE_SIZE, ...query },
    (p) => p.accounts,
  );
}

/** The accounts summed up on the server (counts, MRR at risk, the `top` most at risk, the CSMs). */
export function useAccountOverview(top = 0) {
  return useProjectGet<AccountOverview>('account-overview', { top });
}
