import { useQuery } from '@tanstack/react-query';
import type { AccountList, AccountSummary, Task, TaskList } from '@bindery/contracts';
import type { ApiError } from '../../api/client';
import { useProjectApi } from '../../api/hooks';
import { type AllPages, fetchAllPages } from './all-pages';

/** The most rows loaded into the browser; past it the pages say the list is cut. */
export const MAX_ROWS = 5_000;
/** The statuses that make a task "open": the CSM still has to act on it. */
export const OPEN_STATUSES = 'open,in_progress';

/**
 * Every account (up to MAX_ROWS, 500 a page), so that sorting and filters cover all of them. The key starts
 * like `useProjectGet('accounts')`, so a change that refreshes accounts refreshes this too.
 */
export function useAllAccounts() {
  const api = useProjectApi();
  const query = { limit: 500 };
  return useQuery<AllPages<AccountSummary>, ApiError>({
    queryKey: [api.projectId, 'accounts', query, 'all'],
    queryFn: ({ signal }) =>
      fetchAllPages(api.call, 'accounts', query, (p: AccountList) => p.accounts, {
        maxItems: MAX_ROWS,
        signal,
      }),
  });
}

/** Every open or in-progress task (up to MAX_ROWS): the open-task counts and the newest tasks. */
export function useOpenTasks() {
  const api = useProjectApi();
  const query = { status: OPEN_STATUSES, limit: 500 };
  return useQuery<AllPages<Task>, ApiError>({
    queryKey: [api.projectId, 'tasks', query, 'all'],
    queryFn: ({ signal }) =>
      fetchAllPages(api.call, 'tasks', query, (p: TaskList) => p.tasks, { maxItems: MAX_ROWS, signal }),
  });
}
