import { useCallback, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** Changes to the query string: a string sets a key, null removes it; keys not named stay as they are. */
export type UrlPatch = Record<string, string | null>;

/** The query string with `patch` applied; pure, so that the merging is tested on its own. */
export function patchParams(params: URLSearchParams, patch: UrlPatch): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/** One of a fixed list of choices from the URL; the fallback when the URL has none or one not on the list. */
export function choiceParam<T extends string | number>(
  raw: string | number | null,
  choices: readonly T[],
  fallback: T,
): T {
  return choices.find((c) => String(c) === String(raw)) ?? fallback;
}

/**
 * A page's state in its URL, so that a reload, a shared link or Back restores it: `params` to read, `patch` to
 * change some keys. Changes replace the history entry: Back leaves the page rather than undoing each click.
 * The router renders a new URL in a transition, later than the change that asked for it; a second change made
 * before that render (two filters set quickly) builds on the first, not on the URL the page last rendered.
 */
export function useUrlState(): { params: URLSearchParams; patch: (patch: UrlPatch) => void } {
  const [params, setParams] = useSearchParams();
  const asked = useRef<{ from: URLSearchParams; next: URLSearchParams } | null>(null);
  const patch = useCallback(
    (changes: UrlPatch) => {
      const base = asked.current?.from === params ? asked.current.next : params;
      const next = patchParams(base, changes);
      asked.current = { from: params, next };
      setParams(next, { replace: true });
    },
    [params, setParams],
  );
  return { params, patch };
}
