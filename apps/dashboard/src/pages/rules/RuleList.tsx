import type { Rule, RulePatch, SavedFunnel } from '@bindery/contracts';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useProjectMutation } from '../../api/hooks';
import { type Column, SortableTable } from '../../components/SortableTable';
import { ConfirmDelete, DeleteButton, useDeletion } from '../../components/ConfirmDelete';
import { describeAction, describeParams, formatCooldown } from './rule-form';
import { RULE_TYPE_INFO, SCOPE_LABEL } from './rule-types';

/** The project's rules: what each watches, whether it is on, what it does; edit, switch, delete. */
export function RuleList({
  rules,
  funnels,
  templateNames,
}: {
  rules: Rule[];
  funnels: SavedFunnel[];
  /** The email templates' names, to flag an action whose template is missing; null while unknown. */
  templateNames: string[] | null;
}) {
  const deletion = useDeletion<Rule>((r) => `rules/${r.id}`, ['rules']);
  const { ask } = deletion;
  const columns = useMemo<Column<Rule>[]>(
    () => [
      {
        key: 'name',
        header: 'Rule',
        sortValue: (r) => r.name.toLowerCase(),
        render: (r) => (
          <div className="rule-name">
            <Link to={`?edit=${r.id}`}>{r.name}</Link>
            <span className="muted">{describeParams(r, funnels)}</span>
          </div>
        ),
      },
      {
        key: 'enabled',
        header: 'Enabled',
        sortValue: (r) => (r.enabled ? 1 : 0),
        render: (r) => <EnabledSwitch rule={r} />,
      },
      { key: 'type', header: 'Type', sortValue: (r) => r.type, render: (r) => RULE_TYPE_INFO[r.type].label },
      { key: 'scope', header: 'Scope', sortValue: (r) => r.scope, render: (r) => SCOPE_LABEL[r.scope] },
      {
        key: 'cooldown',
        header: 'Cooldown',
        sortValue: (r) => r.cooldownHours,
        render: (r) => formatCooldown(r.cooldownHours),
      },
      {
        key: 'actions',
        header: 'Actions',
        render: (r) =>
          r.actions.length === 0 ? (
            <span className="muted">Signals only</span>
          ) : (
            <span className="badges">
              {r.actions.map((a, i) =>
                a.kind === 'email' && templateNames && !templateNames.includes(a.template) ? (
                  <span key={i} className="badge warn" title="No email template has this name">
                    {describeAction(a)} (missing)
                  </span>
                ) : (
                  <span key={i} className="badge info">
                    {describeAction(a)}
                  </span>
                ),
              )}
            </span>
          ),
      },
      { key: 'delete', header: '', render: (r) => <DeleteButton name={r.name} onClick={() => ask(r)} /> },
    ],
    [funnels, templateNames, ask],
  );
  return (
    <div className="stack">
      <ConfirmDelete deletion={deletion} name={(r) => r.name} consequence={() => 'Its signals go with it.'} />
      <SortableTable
        rows={rules}
        columns={columns}
        rowKey={(r) => r.id}
        initialSort={{ key: 'name', direction: 'asc' }}
        caption="Rules"
      />
    </div>
  );
}

/** Switches a rule on or off at once; shows the asked-for state while the change is on its way. */
export function EnabledSwitch({ rule }: { rule: Rule }) {
  const patch = useProjectMutation<RulePatch, Rule>('PATCH', () => `rules/${rule.id}`, ['rules']);
  const checked = patch.isPending ? (patch.variables?.enabled ?? rule.enabled) : rule.enabled;
  return (
    <span className="switch-cell">
      <input
        type="checkbox"
        role="switch"
        className="switch"
        aria-label={`Enabled: ${rule.name}`}
        checked={checked}
        disabled={patch.isPending}
        onChange={(e) => patch.mutate({ enabled: e.target.checked })}
      />
      {patch.error && (
        <span className="error" role="alert">
          {patch.error.message}
        </span>
      )}
    </span>
  );
}
