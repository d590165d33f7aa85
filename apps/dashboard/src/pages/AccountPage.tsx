import type { AccountDetail } from '@bindery/contracts';
import { Link, useParams } from 'react-router';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { AccountEmails } from './accounts/AccountEmails';
import { AccountFacts } from './accounts/AccountFacts';
import { AccountNotes } from './accounts/AccountNotes';
import { textTrait } from './accounts/account-rows';
import { AccountSignals } from './accounts/AccountSignals';
import { AccountTasks } from './accounts/AccountTasks';
import { FeaturesTable } from './accounts/FeaturesTable';
import { HealthHistory } from './accounts/HealthHistory';
import { HealthPanel } from './accounts/HealthPanel';
import { MembersTable } from './accounts/MembersTable';
import { UsageChart } from './accounts/UsageChart';
import { WhyAtRisk } from './accounts/WhyAtRisk';
import './accounts.css';
import './workflow.css';

/** One account: traits, health, its components and why it moved, usage, users, features, tasks, notes, signals and emails. */
export function AccountPage() {
  const { accountId = '' } = useParams();
  // Another account's data must not stand in while this one loads.
  const detail = useProjectGet<AccountDetail>(
    `accounts/${encodeURIComponent(accountId)}`,
    {},
    { placeholderData: undefined },
  );
  const notFound = detail.isError && detail.error.status === 404;
  const name = detail.data ? (textTrait(detail.data.traits, 'name') ?? detail.data.id) : accountId;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/accounts">Accounts</Link> <span aria-hidden="true">/</span>
      </nav>
      {notFound ? (
        <>
          <PageHeader title="Account not found" />
          <div className="state state-empty" style={{ minHeight: 200 }}>
            <p>
              There is no account <code>{accountId}</code> in this project. Accounts appear once events name
              them (a groupId, or a group call).
            </p>
            <Link to="/accounts">Back to the list of accounts</Link>
          </div>
        </>
      ) : (
        <>
          <PageHeader title={name} />
          <DataState query={detail} label="the account" minHeight={560}>
            {(account) => (
              <div className="stack">
                <AccountFacts account={account} />
                <div className="grid account-pair">
                  <HealthPanel health={account.health} />
                  <HealthHistory accountId={account.id} />
                </div>
                <WhyAtRisk accountId={account.id} scored={account.health} />
                <UsageChart daily={account.daily} />
                <div className="grid account-pair">
                  <MembersTable members={account.members} users={account.users} />
                  <FeaturesTable features={account.features} />
                </div>
                <AccountTasks accountId={account.id} />
                <AccountNotes accountId={account.id} />
                <AccountSignals accountId={account.id} members={account.members} />
                <AccountEmails accountId={account.id} />
              </div>
            )}
          </DataState>
        </>
      )}
    </>
  );
}
