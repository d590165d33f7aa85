import { type ComponentType, lazy, Suspense } from 'react';

/**
 * A page loaded with its own script the first time it is shown: Vite emits one chunk a page, so the first
 * visit downloads the shell and that page, not the whole dashboard. The page's place says it is loading
 * meanwhile; the layout around it stays.
 */
export function lazyPage<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType {
  const Page = lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
  return function LazyPage() {
    return (
      <Suspense
        fallback={
          <div className="state state-loading" aria-busy="true" role="status">
            <span className="visually-hidden">Loading the page…</span>
          </div>
        }
      >
        <Page />
      </Suspense>
    );
  };
}
