import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../session';

/** For component specs: a signed-in project, a fresh query cache and a router around `ui`. */
export function renderSignedIn(ui: ReactNode) {
  sessionStorage.setItem(
    'bindery.session',
    JSON.stringify({
      projects: [{ projectId: PROJECT_ID, name: 'Demo', key: 'sk_test' }],
      currentId: PROJECT_ID,
      email: '',
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <SessionProvider>{ui}</SessionProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

export const PROJECT_ID = '01a208bd-ce9b-70a9-9296-e65db5dfeb67';

export interface Call {
  method: string;
  /** The path under `/v1/projects/:id/`, with its query string. */
  path: string;
  body: unknown;
}

/**
 * Stands in for the network (only): `answer` gets each call and returns the status and JSON body of
 * Bindery's reply. Returns the calls made, in order.
 */
export function stubFetch(answer: (call: Call) => { status?: number; body?: unknown }): Call[] {
  const calls: Call[] = [];
  const prefix = `/v1/projects/${PROJECT_ID}/`;
  globalThis.fetch = (async (input: string, init: RequestInit = {}) => {
    const call: Call = {
      method: init.method ?? 'GET',
      path: String(input).replace(prefix, ''),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const { status = 200, body } = answer(call);
    return {
      ok: status >= 200 && status < 300,
      status,
      text: async () => (body === undefined ? '' : JSON.stringify(body)),
    };
  }) as unknown as typeof fetch;
  return calls;
}
