import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { useSession } from '../session';
import { ApiError, type QueryParams, request, type RequestOptions } from './client';

/** Calls `/v1/projects/:current/<path>` with the session; a change carries its CSRF token. */
export function useProjectApi() {
  const { session, current, ended } = useSession();
  if (!session || !current) throw new Error('useProjectApi needs a signed-in project');
  const base = `/v1/projects/${current.projectId}/`;
  return {
    projectId: current.projectId,
    async call<T>(path: string, options: Omit<RequestOptions, 'csrfToken'> = {}): Promise<T> {
      const csrfToken = options.method && options.method !== 'GET' ? session.csrfToken : undefined;
      try {
        return await request<T>(base + path, { ...options, csrfToken });
      } catch (error) {
        // The session ended (idle, signed out elsewhere, the member removed): back to sign-in.
        if (error instanceof ApiError && error.status === 401) ended();
        throw error;
      }
    },
  };
}

type Extra<T> = Omit<UseQueryOptions<T, ApiError>, 'queryKey' | 'queryFn'>;

/** A GET of the current project, cached per project, path and query; the last answer stays while refetching. */
export function useProjectGet<T>(path: string, query: QueryParams = {}, options: Extra<T> = {}) {
  const api = useProjectApi();
  return useQuery<T, ApiError>({
    queryKey: [api.projectId, path, query],
    queryFn: ({ signal }) => api.call<T>(path, { query, signal }),
    placeholderData: keepPreviousData,
    ...options,
  });
}

/** A POST that reads (the report queries), cached like a GET by its body. */
export function useProjectReport<T>(path: string, body: unknown, options: Extra<T> = {}) {
  const api = useProjectApi();
  return useQuery<T, ApiError>({
    queryKey: [api.projectId, path, body],
    queryFn: ({ signal }) => api.call<T>(path, { method: 'POST', body, signal }),
    placeholderData: keepPreviousData,
    ...options,
  });
}

/** A change; on success the project's cached reads under `invalidates` are refetched. */
export function useProjectMutation<TBody, TResult = unknown>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: (body: TBody) => string,
  invalidates: string[] = [],
) {
  const api = useProjectApi();
  const client = useQueryClient();
  return useMutation<TResult, ApiError, TBody>({
    mutationFn: (body) =>
      api.call<TResult>(path(body), { method, body: method === 'DELETE' ? undefined : body }),
    onSuccess: () => refetchUnder(client, api.projectId, invalidates),
  });
}

/**
 * A change of some fields of something the API stores (`PATCH path`): reads its latest state and sends the
 * fields `change` makes of it, so that a save carries its own edits and keeps the fields others saved since the
 * page loaded (and, for a field that is an object, the parts this save does not edit).
 */
export function useProjectUpdate<T>(path: string, invalidates: string[] = [path]) {
  const api = useProjectApi();
  const client = useQueryClient();
  return useMutation<T, ApiError, (latest: T) => Partial<T>>({
    mutationFn: async (change) => {
      const latest = await api.call<T>(path);
      return api.call<T>(path, { method: 'PATCH', body: change(latest) });
    },
    onSuccess: () => refetchUnder(client, api.projectId, invalidates),
  });
}

/** Refetches the project's cached reads whose path starts with one of `prefixes`. */
function refetchUnder(client: QueryClient, projectId: string, prefixes: string[]) {
  return Promise.all(
    prefixes.map((prefix) =>
      client.invalidateQueries({
        predicate: (q) => q.queryKey[0] === projectId && String(q.queryKey[1]).startsWith(prefix),
      }),
    ),
  );
}

/** A cursor-paged list (`{ <items>, nextCursor }`): the pages so far, flattened, and a way to load more. */
export function useProjectPages<TPage extends { nextCursor: string | null }, TItem>(
  path: string,
  query: QueryParams,
  items: (page: TPage) => TItem[],
  options: { refetchInterval?: number | false } = {},
) {
  const api = useProjectApi();
  const result = useInfiniteQuery<TPage, ApiError>({
    queryKey: [api.projectId, path, query, 'pages'],
    queryFn: ({ pageParam, signal }) =>
      api.call<TPage>(path, { query: { ...query, cursor: pageParam as string | undefined }, signal }),
    initialPageParam: undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
  return { ...result, items: result.data?.pages.flatMap(items) ?? [] };
}
