import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../session';

export const TEST_PROJECT = '0190f000-0000-7000-8000-000000000001';

export interface FetchCall {
  method: string;
  url: URL;
  body: unknown;
}

type Reply = { status?: number; body?: unknown };

/**
 * Replaces `fetch` (the network boundary) with `answer`, which sees each call as method, URL and parsed body;
 * returns the calls made so far.
 */
export function stubFetch(answer: (call: FetchCall) => Reply): FetchCall[] {
  const calls: FetchCall[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = {
      method: init?.method ?? 'GET',
      url: new URL(String(input), 'http://localhost'),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    const { status = 200, body } = answer(call);
    return {
      ok: status >= 200 && status < 300,
      status,
      text: async () => (body === undefined ? '' : JSON.stringify(body)),
    } as Response;
  }) as typeof fetch;
  return calls;
}

/** Renders `ui` signed in to a test project, with a fresh query cache and router. */
export function renderSignedIn(ui: ReactElement, { email = '', route = '/' } = {}) {
  sessionStorage.setItem(
    'bindery.session',
    JSON.stringify({
      projects: [{ projectId: TEST_PROJECT, name: 'Test', key: 'sk_test' }],
      currentId: TEST_PROJECT,
      email,
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[route]}>
        <SessionProvider>{ui}</SessionProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
