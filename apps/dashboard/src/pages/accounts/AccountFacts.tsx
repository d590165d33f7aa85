import type { AccountDetail, CsmList } from '@bindery/contracts';
import type { ReactNode } from 'react';
import { useProjectGet } from '../../api/hooks';
import { formatInt, formatMoney } from '../../format';
import { numberTrait, textTrait } from './account-rows';
import { RelativeTime } from '../../components/RelativeTime';

/** Traits shown on their own; any other trait is listed after them as sent. */
const SHOWN = ['name', 'plan', 'mrr', 'csm_email'];

function traitText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The account at a glance: its traits (plan, MRR, CSM and the rest) and how many people use it. */
export function AccountFacts({ account }: { account: AccountDetail }) {
  const other = Object.entries(account.traits).filter(([k]) => !SHOWN.includes(k));
  const csm = textTrait(account.traits, 'csm_email');
  return (
    <dl className="facts card">
      <Fact term="Account id">
        <code>{account.id}</code>
      </Fact>
      <Fact term="Plan">{textTrait(account.traits, 'plan') ?? <span className="muted">—</span>}</Fact>
      <Fact term="MRR">{formatMoney(numberTrait(account.traits, 'mrr'))}</Fact>
      <Fact term="CSM" wide>
        {csm ? <AccountCsm email={csm} /> : <span className="muted">none</span>}
      </Fact>
      <Fact term="Users, 90 days">{formatInt(account.users)}</Fact>
      <Fact term="Active, 7 / 30 days">
        {formatInt(account.activeUsers7d)} / {formatInt(account.activeUsers30d)}
      </Fact>
      <Fact term="Last seen">
        <RelativeTime iso={account.lastSeenAt} />
      </Fact>
      {other.map(([k, v]) => (
        <Fact key={k} term={k}>
          {traitText(v)}
        </Fact>
      ))}
    </dl>
  );
}

/**
 * The account's `csm_email`: the member it names (matched in any case), with their name, or the address marked
 * unmatched when no member of the project has it.
 */
function AccountCsm({ email }: { email: string }) {
  const csms = useProjectGet<CsmList>('csms', {}, { staleTime: 60_000 });
  const member = csms.data?.csms.find((c) => c.member && c.email === email.toLowerCase());
  return (
    <>
      <a href={`mailto:${email}`}>{member?.name ?? email}</a>{' '}
      {csms.data && !member && (
        <span className="badge" title="No member of the project has this address">
          unmatched
        </span>
      )}
    </>
  );
}

/** A term and its value; a wide one takes two columns on a phone, so that an email fits on one line. */
function Fact({ term, wide, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'fact fact-wide' : 'fact'}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
