import { Link } from 'react-router';
import { useAtRiskBelow } from '../../components/at-risk-line';
import { HealthBadge } from '../../components/HealthBadge';
import { formatInt, formatMoney } from '../../format';
import { type AccountRow, accountPath } from '../accounts/account-rows';
import { RelativeTime } from '../../components/RelativeTime';

/** How many of the accounts at risk the overview lists. */
export const SHOWN_AT_RISK = 6;

/** The accounts at risk, lowest health first, each with its revenue, CSM and open tasks; `count` in all. */
export function AtRiskList({ rows, count }: { rows: AccountRow[]; count: number }) {
  const atRiskBelow = useAtRiskBelow();
  if (rows.length === 0) {
    return <div className="state state-empty">No account scores below {atRiskBelow}.</div>;
  }
  return (
    <>
      <ul className="item-list">
        {rows.map((r) => (
          <li key={r.id}>
            <div className="item-main">
              <Link to={accountPath(r.id)}>{r.name}</Link>
              <HealthBadge score={r.score} abc={r.abc} />
            </div>
            <div className="item-meta muted">
              <span>{formatMoney(r.mrr)} MRR</span>
              <span>{r.csm ?? 'no CSM'}</span>
              <span>
                last seen <RelativeTime iso={r.lastSeenAt} />
              </span>
              <span>{formatInt(r.openTasks)} open tasks</span>
            </div>
          </li>
        ))}
      </ul>
      <p className="item-foot">
        <Link to="/accounts?risk=1">See all {formatInt(count)} at risk</Link>
      </p>
    </>
  );
}
