import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { SessionProvider } from '../../session';

/** Helpers for the editors' component tests: a signed-in project, and the API stubbed at fetch. */
export const PROJECT_ID = '01a208bd-ce9b-70a9-9296-e65db5dfeb67';

export interface ApiCall {
  method: string;
  /** The path under `/v1/projects/:id/`, with its query. */
  path: string;
  body: unknown;
}

export type ApiAnswer = { status?: number; body?: unknown } | undefined;

/** Answers each fetch from `route` (a 404 when it has no answer); returns the calls made, in order. */
export function stubApi(route: (call: ApiCall) => ApiAnswer): ApiCall[] {
  const calls: ApiCall[] = [];
  globalThis.fetch = jest.fn((url: string | URL | Request, init?: RequestInit) => {
    const call: ApiCall = {
      method: init?.method ?? 'GET',
      path: String(url).replace(`/v1/projects/${PROJECT_ID}/`, ''),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const answer = route(call) ?? {
      status: 404,
      body: { error: { code: 'not_found', message: `no stub for ${call.method} ${call.path}` } },
    };
    const status = answer.status ?? 200;
    return Promise.resolve({
      ok: status < 400,
      status,
      text: () => Promise.resolve(answer.body === undefined ? '' : JSON.stringify(answer.body)),
    } as Response);
  }) as typeof fetch;
  return calls;
}

export const invalidInput = (message: string): ApiAnswer => ({
  status: 400,
  body: { error: { code: 'invalid_input', message } },
});

/** Renders `ui` signed in to a test project, with a fresh query cache that does not retry. */
export function renderInProject(ui: ReactElement) {
  sessionStorage.setItem(
    'bindery.session',
    JSON.stringify({
      projects: [{ projectId: PROJECT_ID, name: 'Test', key: 'sk_test' }],
      currentId: PROJECT_ID,
      email: '',
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>{ui}</SessionProvider>
    </QueryClientProvider>,
  );
}
