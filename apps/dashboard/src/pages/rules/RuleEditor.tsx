import type {
  EmailTemplate,
  Rule,
  RuleBody,
  RulePatch,
  RuleScope,
  RuleType,
  SavedFunnel,
} from '@bindery/contracts';
import { type FormEvent, useState } from 'react';
import { useProjectMutation } from '../../api/hooks';
import { ActionsEditor } from './ActionsEditor';
import { Field } from '../../components/Field';
import { EditorFooter } from '../../components/EditorFooter';
import { ParamFields } from './ParamFields';
import { newRuleForm, ruleToForm, toRuleBody, toRulePatch, withType } from './rule-form';
import { RULE_TYPE_INFO, RULE_TYPES, SCOPE_LABEL } from './rule-types';

interface Props {
  /** The rule to change; none: a new rule. */
  rule?: Rule;
  funnels: SavedFunnel[];
  templates: EmailTemplate[];
  onSaved: (rule: Rule) => void;
  onCancel: () => void;
}

/** Creates or changes a rule; the API's refusal (a 400 or 409) is shown above the buttons. */
export function RuleEditor({ rule, funnels, templates, onSaved, onCancel }: Props) {
  const [form, setForm] = useState(() => (rule ? ruleToForm(rule) : newRuleForm('inactivity', funnels)));
  const create = useProjectMutation<RuleBody, Rule>('POST', () => 'rules', ['rules']);
  const update = useProjectMutation<RulePatch, Rule>('PATCH', () => `rules/${rule?.id}`, ['rules']);
  const save = rule ? update : create;
  const info = RULE_TYPE_INFO[form.type];

  function submit(event: FormEvent) {
    event.preventDefault();
    const done = { onSuccess: onSaved };
    if (rule) update.mutate(toRulePatch(form), done);
    else create.mutate(toRuleBody(form), done);
  }

  return (
    <form className="card stack editor" onSubmit={submit} aria-labelledby="rule-editor-title">
      <h2 id="rule-editor-title">{rule ? `Edit rule “${rule.name}”` : 'New rule'}</h2>
      <div className="field-grid">
        <Field label="Name" className="wide">
          {(control) => (
            <input
              {...control}
              required
              maxLength={200}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
          )}
        </Field>
        <Field label="Type" help={rule ? 'Fixed once the rule exists' : info.description}>
          {(control) => (
            <select
              value={form.type}
              disabled={!!rule}
              {...control}
              onChange={(e) => setForm(withType(form, e.target.value as RuleType, funnels))}
            >
              {RULE_TYPES.map((t) => (
                <option key={t} value={t}>
                  {RULE_TYPE_INFO[t].label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Scope"
          help={
            info.scopes.length === 1
              ? `A ${info.label.toLowerCase()} rule is about accounts`
              : 'Whom a signal is about'
          }
        >
          {(control) => (
            <select
              value={form.scope}
              disabled={!!rule || info.scopes.length === 1}
              {...control}
              onChange={(e) => setForm({ ...form, scope: e.target.value as RuleScope })}
            >
              {info.scopes.map((s) => (
                <option key={s} value={s}>
                  {SCOPE_LABEL[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Cooldown (hours)" help="A subject fires again only after this; 168 is a week">
          {(control) => (
            <input
              type="number"
              required
              min={0}
              max={24 * 365}
              step={1}
              inputMode="numeric"
              {...control}
              value={form.cooldownHours}
              onChange={(e) => setForm({ ...form, cooldownHours: e.target.value })}
            />
          )}
        </Field>
      </div>
      {rule && <p className="muted">{info.description}</p>}
      <fieldset>
        <legend>Parameters</legend>
        <ParamFields
          type={form.type}
          values={form.params}
          funnels={funnels}
          onChange={(key, value) => setForm({ ...form, params: { ...form.params, [key]: value } })}
        />
      </fieldset>
      <fieldset>
        <legend>Actions</legend>
        <ActionsEditor
          actions={form.actions}
          templates={templates}
          onChange={(actions) => setForm({ ...form, actions })}
        />
      </fieldset>
      <label className="inline">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => setForm({ ...form, enabled: e.target.checked })}
        />
        Enabled: evaluated on every run
      </label>
      <EditorFooter what="rule" creating={!rule} save={save} onCancel={onCancel} />
    </form>
  );
}
