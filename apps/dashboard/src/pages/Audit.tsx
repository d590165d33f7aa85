import type { AuditList, MemberList } from '@bindery/contracts';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { useUrlState } from '../components/url-state';

/** The kinds of change the log holds, for its filter. */
const KINDS = [
  'task.created',
  'task.updated',
  'member.invited',
  'member.joined',
  'member.added',
  'member.updated',
  'member.removed',
  'key.rotated',
  'settings.updated',
  'rule.created',
  'rule.updated',
  'rule.deleted',
  'funnel.created',
  'funnel.updated',
  'funnel.deleted',
  'template.created',
  'template.updated',
  'template.deleted',
];

/** Who changed what, newest first, for admins: filtered by person and by kind, in the URL. */
export function Audit() {
  const { params, patch } = useUrlState();
  const actor = (params.get('actor') ?? '').slice(0, 300);
  const action = (params.get('action') ?? '').slice(0, 100);
  // Someone who joined since the members page was open must be in the list.
  const members = useProjectGet<MemberList>('members', {}, { staleTime: 0 });
  const log = useProjectGet<AuditList>('audit', {
    actor: actor || undefined,
    action: action || undefined,
    limit: 200,
  });
  const people = [...new Set([...(members.data?.members.map((m) => m.email) ?? []), 'api', 'admin', actor])]
    .filter(Boolean)
    .sort();
  return (
    <>
      <PageHeader title="Audit log" />
      <div className="stack">
        <div className="form-row">
          <label>
            Person
            <select value={actor} onChange={(e) => patch({ actor: e.target.value })}>
              <option value="">Everyone</option>
              {people.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <label>
            Kind
            <select value={action} onChange={(e) => patch({ action: e.target.value })}>
              <option value="">All changes</option>
              {[...new Set([...KINDS, action])].filter(Boolean).map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        </div>
        <DataState
          query={log}
          label="audit log"
          isEmpty={(d) => d.entries.length === 0}
          empty="No changes match these filters."
        >
          {(data) => (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Audit log entries">
              <table>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((e, i) => (
                    <tr key={`${e.at}-${i}`}>
                      <td>{new Date(e.at).toLocaleString()}</td>
                      <td>{e.actor}</td>
                      <td>{e.action}</td>
                      <td>
                        <code>{JSON.stringify(e.details)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
      </div>
    </>
  );
}
