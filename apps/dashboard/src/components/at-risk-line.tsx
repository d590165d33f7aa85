import { createContext, type ReactNode, useContext } from 'react';
import type { ResolvedProjectSettings } from '@bindery/contracts';
import { useProjectGet } from '../api/hooks';
import { ErrorState } from './DataState';

/** The project's at-risk line; null outside an {@link AtRiskLineProvider}. */
export const AtRiskLine = createContext<number | null>(null);

/**
 * Gives the pages under it the project's at-risk line, its `atRiskBelow` setting: the line the rules use, so
 * that badges, filters, the overview and the tasks agree. The pages wait for it (one small request a session).
 */
export function AtRiskLineProvider({ children }: { children: ReactNode }) {
  const settings = useProjectGet<ResolvedProjectSettings>('settings', {}, { staleTime: 60_000 });
  if (settings.isPending) return <div className="state state-loading" aria-busy="true" role="status" />;
  if (settings.isError) return <ErrorState error={settings.error} retry={() => void settings.refetch()} />;
  return <AtRiskLine.Provider value={settings.data.atRiskBelow}>{children}</AtRiskLine.Provider>;
}

/** Accounts scoring below this are at risk. */
export function useAtRiskBelow(): number {
  const line = useContext(AtRiskLine);
  if (line === null) throw new Error('useAtRiskBelow needs an AtRiskLineProvider above it');
  return line;
}
