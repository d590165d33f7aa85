import { useMemo } from 'react';
import type { SavedFunnelList } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { describeContentKeys } from './content-key';

/**
 * `make` given a way to tell the funnel step keys in a text (a skip reason) in words, with the project's saved
 * funnels; made again when they change.
 */
export function useContentKeyWords<T>(make: (words: (text: string) => string) => T): T {
  const funnels = useProjectGet<SavedFunnelList>('funnels');
  const list = funnels.data?.funnels;
  return useMemo(() => make((text) => describeContentKeys(text, list ?? [])), [make, list]);
}
