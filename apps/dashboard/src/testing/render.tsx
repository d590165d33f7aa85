import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { MemberRole } from '@bindery/contracts';
import { MemoryRouter } from 'react-router';
import { AtRiskLine } from '../components/at-risk-line';
import { type Session, SessionProvider } from '../session';

/** The project the component specs are signed in to. */
export const TEST_PROJECT = '0190f000-0000-7000-8000-000000000001';
const PROJECT_BASE = `/v1/projects/${TEST_PROJECT}/`;
/** The at-risk line of the project the specs are signed in to (its `atRiskBelow` setting). */
export const TEST_AT_RISK_BELOW = 50;

/** A request the page made, as the stub saw it. */
export interface ApiCall {
  method: string;
  /** The path under `/v1/projects/:id/` (e.g. `tasks/t1`), without its query. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, if any. */
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
}

/**
 * Bindery's answers, keyed by method and path: `'GET tasks'`, `'PATCH tasks/:id'` (a `:name` segment matches
 * any one segment). A value is the reply, or makes it from the call and the values of its `:name` segments.
 * A call no key matches gets a 404.
 */
export type Routes = Record<string, Reply | ((call: ApiCall, params: Record<string, string>) => Reply)>;

/** An error answer as the API gives it. */
export const apiError = (status: number, code: string, message: string): Reply => ({
  status,
  body: { error: { code, message } },
});

function match(routes: Routes, method: string, path: string) {
  const segments = path.split('/');
  for (const [key, route] of Object.entries(routes)) {
    const [routeMethod, routePath = ''] = key.split(' ');
    const parts = routePath.split('/');
    if (routeMethod !== method || parts.length !== segments.length) continue;
    if (!parts.every((p, i) => p.startsWith(':') || p === segments[i])) continue;
    const params: Record<string, string> = {};
    parts.forEach((p, i) => {
      if (p.startsWith(':')) params[p.slice(1)] = segments[i]!;
    });
    return { route, params };
  }
  return null;
}

/** Replaces `fetch` (the network boundary, nothing else) with `routes`; returns the calls made, in order. */
function stubApi(routes: Routes): ApiCall[] {
  const calls: ApiCall[] = [];
  globalThis.fetch = ((input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const method = init.method ?? 'GET';
    const path = url.pathname.startsWith(PROJECT_BASE)
      ? url.pathname.slice(PROJECT_BASE.length)
      : url.pathname;
    const found = match(routes, method, path);
    const call: ApiCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    const reply = !found
      ? apiError(404, 'not_found', `no stub for ${method} ${path}`)
      : typeof found.route === 'function'
        ? found.route(call, found.params)
        : found.route;
    const status = reply.status ?? 200;
    return Promise.resolve({
      ok: status >= 200 && status < 300,
      status,
      text: () => Promise.resolve(reply.body === undefined ? '' : JSON.stringify(reply.body)),
    } as Response);
  }) as typeof fetch;
  return calls;
}

/**
 * Renders `ui` as a page of the dashboard sees it: signed in to TEST_PROJECT (as `email`, with `role`), a fresh query
 * cache that does not retry, a router at `path`, and the API stubbed by `api`. Returns the calls with the
 * render's result.
 */
export function renderSignedIn(
  ui: ReactElement,
  {
    path = '/',
    email = '',
    role = 'owner',
    api = {},
  }: { path?: string; email?: string; role?: MemberRole; api?: Routes } = {},
) {
  const calls = stubApi(api);
  const session: Session = {
    userId: '0190f000-0000-7000-8000-0000000000aa',
    email,
    name: '',
    projects: [{ projectId: TEST_PROJECT, name: 'Test', role }],
    currentId: TEST_PROJECT,
    csrfToken: 'csrf-test',
  };
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <SessionProvider initial={session}>
          <AtRiskLine.Provider value={TEST_AT_RISK_BELOW}>{ui}</AtRiskLine.Provider>
        </SessionProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, calls };
}
