import type { AccountDetail } from '@bindery/contracts';
import { type Column, SortableTable } from '../../components/SortableTable';
import { formatInt } from '../../format';
import { RelativeTime } from '../../components/RelativeTime';
import { Section } from '../../components/Section';
import { PersonLink } from '../people/PersonLink';

type Member = AccountDetail['members'][number];

const COLUMNS: Column<Member>[] = [
  {
    key: 'id',
    header: 'User',
    sortValue: (m) => m.name ?? m.email ?? m.id,
    render: (m) => (
      <>
        <PersonLink id={m.id}>{m.name ?? m.email ?? m.id}</PersonLink>
        {m.name && m.email ? <div className="muted person-address">{m.email}</div> : null}
      </>
    ),
  },
  {
    key: 'lastSeen',
    header: 'Last seen',
    sortValue: (m) => Date.parse(m.lastSeenAt),
    render: (m) => <RelativeTime iso={m.lastSeenAt} />,
  },
  {
    key: 'events',
    header: 'Actions, 30 days',
    align: 'right',
    sortValue: (m) => m.events30d,
    render: (m) => formatInt(m.events30d),
  },
];

/** The account's users of the last 90 days, most active first. */
export function MembersTable({ members, users }: { members: Member[]; users: number }) {
  return (
    <Section title="Users" actions={<span className="muted">{formatInt(users)} in 90 days</span>}>
      {members.length === 0 ? (
        <div className="state state-empty">No user has acted for this account in 90 days.</div>
      ) : (
        <div className="scroll-box">
          <SortableTable
            rows={members}
            columns={COLUMNS}
            rowKey={(m) => m.id}
            initialSort={{ key: 'events', direction: 'desc' }}
            caption="Users of the account"
          />
        </div>
      )}
    </Section>
  );
}
