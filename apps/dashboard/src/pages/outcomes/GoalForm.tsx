import { useState } from 'react';
import type { Goal, GoalInput, GoalMetric, GoalParams, SurveyList } from '@bindery/contracts';
import { useProjectGet, useProjectMutation } from '../../api/hooks';
import { Field } from '../../components/Field';
import { GOAL_METRIC_NAMES } from './goal-format';

/** The parameter each metric asks for in the form, with its label and help. */
const PARAM: Partial<Record<GoalMetric, { key: keyof GoalParams; label: string; help: string }>> = {
  logo_retention: { key: 'days', label: 'Days before each period', help: 'The accounts active then count' },
  active_share: { key: 'days', label: 'Known accounts: active in the last days', help: '1–365; default 90' },
  feature_adoption: { key: 'feature', label: 'Feature', help: 'A feature key, as events carry it' },
  repeat_use: { key: 'periods', label: 'Periods counted', help: '2–52; default 12' },
  nps: { key: 'surveyId', label: 'NPS survey', help: 'Its answers in each period' },
};

/** The form's goal as the API takes it; the server checks it and names a bad field. */
export function goalInput(form: {
  name: string;
  metric: GoalMetric;
  param: string;
  target: string;
  direction: GoalInput['direction'];
  cadence: GoalInput['cadence'];
}): GoalInput {
  const spec = PARAM[form.metric];
  const params: GoalParams = {};
  if (spec && form.param.trim() !== '') {
    if (spec.key === 'days' || spec.key === 'periods') params[spec.key] = Number(form.param);
    else params[spec.key] = form.param.trim();
  }
  return {
    name: form.name.trim(),
    metric: form.metric,
    params,
    target: Number(form.target),
    direction: form.direction,
    cadence: form.cadence,
  };
}

/** Sets a new goal (owners and admins): a metric, its parameter, a target and a cadence. */
export function GoalForm() {
  const create = useProjectMutation<GoalInput, Goal>('POST', () => 'goals', ['goals']);
  const surveys = useProjectGet<SurveyList>('surveys');
  const [form, setForm] = useState({
    name: '',
    metric: 'logo_retention' as GoalMetric,
    param: '28',
    target: '90',
    direction: 'at_least' as GoalInput['direction'],
    cadence: 'monthly' as GoalInput['cadence'],
  });
  const [saved, setSaved] = useState<string | null>(null);
  const spec = PARAM[form.metric];
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const nps = (surveys.data?.surveys ?? []).filter((s) => s.kind === 'nps');

  return (
    <form
      className="goal-form"
      aria-label="New goal"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(null);
        create.mutate(goalInput(form), {
          onSuccess: (goal) => {
            setSaved(goal.name);
            set({ name: '' });
          },
        });
      }}
    >
      <Field label="Name">
        {(p) => (
          <input {...p} value={form.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />
        )}
      </Field>
      <Field label="Metric">
        {(p) => (
          <select
            {...p}
            value={form.metric}
            onChange={(e) => set({ metric: e.target.value as GoalMetric, param: '' })}
          >
            {(Object.keys(GOAL_METRIC_NAMES) as GoalMetric[]).map((m) => (
              <option key={m} value={m}>
                {GOAL_METRIC_NAMES[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {spec && (
        <Field label={spec.label} help={spec.help}>
          {(p) =>
            spec.key === 'surveyId' ? (
              <select {...p} value={form.param} onChange={(e) => set({ param: e.target.value })}>
                <option value="">Choose a survey</option>
                {nps.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            ) : (
              <input {...p} value={form.param} onChange={(e) => set({ param: e.target.value })} />
            )
          }
        </Field>
      )}
      <Field label="Target">
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            value={form.target}
            onChange={(e) => set({ target: e.target.value })}
          />
        )}
      </Field>
      <Field label="On track when the value is">
        {(p) => (
          <select
            {...p}
            value={form.direction}
            onChange={(e) => set({ direction: e.target.value as GoalInput['direction'] })}
          >
            <option value="at_least">at least the target</option>
            <option value="at_most">at most the target</option>
          </select>
        )}
      </Field>
      <Field label="Measured">
        {(p) => (
          <select
            {...p}
            value={form.cadence}
            onChange={(e) => set({ cadence: e.target.value as GoalInput['cadence'] })}
          >
            <option value="weekly">weekly</option>
            <option value="monthly">monthly</option>
          </select>
        )}
      </Field>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Saving…' : 'Add goal'}
      </button>
      {create.isError && (
        <p className="report-errors" role="alert">
          {create.error.message}
        </p>
      )}
      {saved && (
        <p className="saved-ok" role="status">
          Added “{saved}”: its last ended period is measured in a few seconds.
        </p>
      )}
    </form>
  );
}
