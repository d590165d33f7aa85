import type { Signal, SignalList } from '@bindery/contracts';
import { useProjectPages } from '../../api/hooks';
import { RelativeTime } from './RelativeTime';
import { Section } from './Section';
import { PagedList } from './PagedList';
import { ruleLabel, signalSummary } from './signal-summary';

/** What the rules found about the account or its users, newest first, 20 at a time. */
export function AccountSignals({ accountId }: { accountId: string }) {
  const signals = useProjectPages<SignalList, Signal>('signals', { accountId, limit: 20 }, (p) => p.signals);
  return (
    <Section title="Signals">
      <PagedList
        pages={signals}
        label="signals"
        empty="No rule has raised a signal about this account."
        headers={['When', 'Rule', 'What', 'User']}
        row={(s) => (
          <tr key={s.id}>
            <td>
              <RelativeTime iso={s.createdAt} />
            </td>
            <td>{ruleLabel(s.ruleType)}</td>
            <td>
              <span className="cell-text">{signalSummary(s)}</span>
            </td>
            <td>{s.userId ?? <span className="muted">the account</span>}</td>
          </tr>
        )}
      />
    </Section>
  );
}
