import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
// The shared sheet first: a page's stylesheet, imported with the page by App, comes after it and wins ties.
import './styles.css';
import { ApiError } from './api/client';
import { App } from './App';
import { SessionProvider } from './session';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change on retry, but a 429 (too many reports at once) will; so may a network failure or a 5xx.
      retry: (count, error) =>
        count < 3 &&
        !(error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429),
      retryDelay: (count) => 1_000 * 2 ** count,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
