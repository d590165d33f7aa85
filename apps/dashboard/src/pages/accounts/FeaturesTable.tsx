import type { AccountDetail } from '@bindery/contracts';
import { type Column, SortableTable } from '../../components/SortableTable';
import { formatInt } from '../../format';
import { RelativeTime } from '../../components/RelativeTime';
import { Section } from '../../components/Section';

type Feature = AccountDetail['features'][number];

const COLUMNS: Column<Feature>[] = [
  { key: 'feature', header: 'Feature', sortValue: (f) => f.feature, render: (f) => f.feature },
  { key: 'uses', header: 'Uses', align: 'right', sortValue: (f) => f.uses, render: (f) => formatInt(f.uses) },
  {
    key: 'users',
    header: 'Users',
    align: 'right',
    sortValue: (f) => f.users,
    render: (f) => formatInt(f.users),
  },
  {
    key: 'lastUsed',
    header: 'Last used',
    sortValue: (f) => Date.parse(f.lastUsedAt),
    render: (f) => <RelativeTime iso={f.lastUsedAt} />,
  },
];

/** The features the account used in the last 30 days, most used first. */
export function FeaturesTable({ features }: { features: Feature[] }) {
  return (
    <Section title="Features used, last 30 days">
      {features.length === 0 ? (
        <div className="state state-empty">No feature used in 30 days.</div>
      ) : (
        <div className="scroll-box">
          <SortableTable
            rows={features}
            columns={COLUMNS}
            rowKey={(f) => f.feature}
            initialSort={{ key: 'uses', direction: 'desc' }}
            caption="Features used by the account"
          />
        </div>
      )}
    </Section>
  );
}
