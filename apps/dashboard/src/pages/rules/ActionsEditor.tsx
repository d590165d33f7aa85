import type { EmailTemplate, RuleAction } from '@bindery/contracts';
import type { ReactNode } from 'react';
import { Field } from '../../components/Field';

const MAX_ACTIONS = 10;
const SEVERITIES = ['low', 'medium', 'high'] as const;
const KIND_LABEL: Record<RuleAction['kind'], string> = {
  task: 'Task for the CSM',
  email: 'Training email to the user',
  notify_csm: 'Alert the CSM by email',
};

/** A new action of `kind`, with the first template when it is an email. */
export function actionOfKind(kind: RuleAction['kind'], templates: EmailTemplate[]): RuleAction {
  if (kind === 'task') return { kind, severity: 'medium' };
  if (kind === 'email') return { kind, template: templates[0]?.name ?? '' };
  return { kind };
}

/** What a rule does when it fires: up to ten actions, each a task, a training email or a CSM alert. */
export function ActionsEditor({
  actions,
  templates,
  onChange,
}: {
  actions: RuleAction[];
  templates: EmailTemplate[];
  onChange: (actions: RuleAction[]) => void;
}) {
  const replace = (index: number, action: RuleAction) =>
    onChange(actions.map((a, i) => (i === index ? action : a)));
  return (
    <div className="stack actions-editor">
      {actions.length === 0 && (
        <p className="muted">No action: the rule only records its signals (listed on each account).</p>
      )}
      <ol className="list-stack action-list">
        {actions.map((action, index) => {
          const n = index + 1;
          return (
            <li key={index} className="form-row">
              <Field label={`Action ${n}`}>
                {(control) => (
                  <select
                    {...control}
                    value={action.kind}
                    onChange={(e) =>
                      replace(index, actionOfKind(e.target.value as RuleAction['kind'], templates))
                    }
                  >
                    {Object.entries(KIND_LABEL).map(([kind, label]) => (
                      <option key={kind} value={kind}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {action.kind === 'task' && (
                <Field label={<OfAction n={n}>Severity</OfAction>}>
                  {(control) => (
                    <select
                      {...control}
                      value={action.severity}
                      onChange={(e) =>
                        replace(index, {
                          kind: 'task',
                          severity: e.target.value as (typeof SEVERITIES)[number],
                        })
                      }
                    >
                      {SEVERITIES.map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              {action.kind === 'email' && (
                <TemplateSelect
                  n={n}
                  value={action.template}
                  templates={templates}
                  onChange={(template) => replace(index, { kind: 'email', template })}
                />
              )}
              <button
                type="button"
                aria-label={`Remove action ${n}`}
                onClick={() => onChange(actions.filter((_, i) => i !== index))}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <div>
        <button
          type="button"
          disabled={actions.length >= MAX_ACTIONS}
          onClick={() => onChange([...actions, actionOfKind('task', templates)])}
        >
          Add an action
        </button>
      </div>
    </div>
  );
}

/** Templates by name (rules refer to them by name); a name with no template left is kept and said so. */
function TemplateSelect({
  n,
  value,
  templates,
  onChange,
}: {
  n: number;
  value: string;
  templates: EmailTemplate[];
  onChange: (template: string) => void;
}) {
  const known = templates.some((t) => t.name === value);
  return (
    <Field label={<OfAction n={n}>Template</OfAction>}>
      {(control) => (
        <select {...control} required value={value} onChange={(e) => onChange(e.target.value)}>
          {!known && (
            <option value={value}>{value ? `${value} (no such template)` : 'Choose a template'}</option>
          )}
          {templates.map((t) => (
            <option key={t.id} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** "Severity", named "Severity of action 2" for a screen reader, as each row has one. */
function OfAction({ n, children }: { n: number; children: ReactNode }) {
  return (
    <>
      {children}
      <span className="visually-hidden"> of action {n}</span>
    </>
  );
}
