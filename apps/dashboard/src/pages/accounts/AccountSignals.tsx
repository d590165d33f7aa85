import type { AccountDetail, Signal, SignalList } from '@bindery/contracts';
import { useMemo } from 'react';
import { useProjectPages } from '../../api/hooks';
import { PagedList } from '../../components/PagedList';
import { type Column, SortableTable } from '../../components/SortableTable';
import { RelativeTime } from '../../components/RelativeTime';
import { Section } from '../../components/Section';
import { PersonLink } from '../people/PersonLink';
import { ruleLabel, signalSummary } from './signal-summary';

type Member = AccountDetail['members'][number];

/**
 * Newest first, as the API pages them: no column re-sorts a partial list. A person is named by
 * {@link memberLabels} when they are among the account's members, else by id.
 */
function columns(names: ReadonlyMap<string, string>): Column<Signal>[] {
  return [
    { key: 'when', header: 'When', render: (s) => <RelativeTime iso={s.createdAt} /> },
    { key: 'rule', header: 'Rule', render: (s) => ruleLabel(s.ruleType) },
    { key: 'what', header: 'What', render: (s) => <span className="cell-text">{signalSummary(s)}</span> },
    {
      key: 'user',
      header: 'User',
      render: (s) =>
        s.userId ? (
          <PersonLink id={s.userId}>{names.get(s.userId) ?? s.userId}</PersonLink>
        ) : (
          <span className="muted">the account</span>
        ),
    },
  ];
}

/**
 * Each member's label: their name (their address when another member of the account has the same name), else
 * their address, else their id. Why at risk (libs/rules, which the dashboard does not import) names people the
 * same way, except that a shared name without an address reads as the id there and as the name here.
 */
export function memberLabels(members: Member[]): Map<string, string> {
  const named = new Map<string, number>();
  for (const m of members) if (m.name) named.set(m.name, (named.get(m.name) ?? 0) + 1);
  const label = (m: Member) => {
    if (!m.name) return m.email ?? m.id;
    return (named.get(m.name) ?? 0) > 1 && m.email ? m.email : m.name;
  };
  return new Map(members.map((m) => [m.id, label(m)]));
}

/** What the rules found about the account or its users, newest first, 20 at a time. */
export function AccountSignals({ accountId, members }: { accountId: string; members: Member[] }) {
  const signals = useProjectPages<SignalList, Signal>('signals', { accountId, limit: 20 }, (p) => p.signals);
  const cols = useMemo(() => columns(memberLabels(members)), [members]);
  return (
    <Section title="Signals">
      <PagedList
        pages={signals}
        noun="signal"
        minHeight={120}
        empty="No rule has raised a signal about this account."
      >
        {(items) => (
          <SortableTable
            rows={items}
            columns={cols}
            rowKey={(s) => s.id}
            caption="Signals about the account"
          />
        )}
      </PagedList>
    </Section>
  );
}
