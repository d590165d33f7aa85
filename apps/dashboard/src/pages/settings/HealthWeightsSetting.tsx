import { type FormEvent, useId, useState } from 'react';
import type { ProjectSettings, ResolvedProjectSettings } from '@bindery/contracts';
import { useProjectUpdate } from '../../api/hooks';
import { Notice } from '../../components/Notice';
import { HEALTH_COMPONENT_INFO, type HealthComponentKey } from '../accounts/health-components';
import {
  type HealthWeights,
  parseWeights,
  refusedField,
  WEIGHT_KEYS,
  weightChanges,
  type WeightsDraft,
  weightsDraft,
  weightShares,
  withWeightChanges,
} from './settings-changes';

const REFUSABLE = WEIGHT_KEYS.map((k) => `healthWeights.${k}` as const);
const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);

/**
 * How much each component counts in an account's health: one weight per component (0–100), shown as its share
 * of their sum. Owners and admins change them; the rules worker then recomputes the 90 days of history.
 */
export function HealthWeightsSetting({
  settings,
  manages,
}: {
  settings: ResolvedProjectSettings;
  manages: boolean;
}) {
  const id = useId();
  const [base, setBase] = useState<HealthWeights>(settings.healthWeights);
  const [draft, setDraft] = useState<WeightsDraft>(() => weightsDraft(settings.healthWeights));
  const [missing, setMissing] = useState<HealthComponentKey | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useProjectUpdate<ProjectSettings>('settings');
  const { sum, shares } = weightShares(draft);
  const parsed = parseWeights(draft);
  const changes = parsed.weights ? weightChanges(base, parsed.weights) : {};
  const changed = parsed.missing !== undefined || Object.keys(changes).length > 0;
  const refused = save.error ? refusedField(save.error.message, REFUSABLE) : undefined;
  const labelOf = (key: HealthComponentKey) => HEALTH_COMPONENT_INFO.find((c) => c.key === key)?.label ?? key;

  function edit(key: HealthComponentKey, value: string) {
    setDraft({ ...draft, [key]: value });
    setMissing(null);
    setSaved(false);
    save.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (parsed.missing) {
      setMissing(parsed.missing);
      return;
    }
    save.mutate((latest) => withWeightChanges(latest, changes), {
      onSuccess: (result) => {
        const weights = { ...base, ...result.healthWeights };
        setBase(weights);
        setDraft(weightsDraft(weights));
        setSaved(true);
      },
    });
  }

  const errorOf = (key: HealthComponentKey) =>
    missing === key
      ? `Enter a weight for ${labelOf(key)}: a whole number from 0 to 100 (0 leaves it out).`
      : refused === `healthWeights.${key}`
        ? save.error?.message
        : undefined;

  return (
    <section className="card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Health score weights</h2>
      <p className="muted">
        An account’s health (0–100) is the mean of its components, each counting by its weight’s share of the
        sum of the weights. Breadth counts once the project has key features, and sentiment only for accounts
        whose people answered a survey; when one does not count, the others share its weight.
      </p>
      <form onSubmit={submit} noValidate className="stack">
        <fieldset disabled={!manages} className="plain">
          <legend className="visually-hidden">Weights</legend>
          <div className="table-scroll">
            <table className="weights-table">
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">Measures</th>
                  <th scope="col" className="num">
                    Weight (0–100)
                  </th>
                  <th scope="col" className="num">
                    Share of the score
                  </th>
                </tr>
              </thead>
              <tbody>
                {HEALTH_COMPONENT_INFO.map(({ key, label, about }) => {
                  const error = errorOf(key);
                  return (
                    <tr key={key}>
                      <th scope="row">
                        <label htmlFor={`${id}-${key}`}>{label}</label>
                      </th>
                      <td className="muted">{about}</td>
                      <td className="num">
                        <input
                          id={`${id}-${key}`}
                          type="number"
                          min={0}
                          max={100}
                          step={1}
                          inputMode="numeric"
                          value={draft[key]}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${id}-${key}-error` : undefined}
                          onChange={(e) => edit(key, e.target.value)}
                        />
                        {error && (
                          <small id={`${id}-${key}-error`} className="error field-error">
                            {error}
                          </small>
                        )}
                      </td>
                      <td className="num">{percent(shares[key])}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Sum</th>
                  <td />
                  <td className="num">{sum}</td>
                  <td className="num">{sum > 0 ? '100 %' : '–'}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </fieldset>
        <p>
          {sum > 0
            ? `The weights add up to ${sum}; each counts as its share of that sum, so the shares always make 100 %.`
            : 'All weights are 0: every account would score 0.'}{' '}
          Saving recomputes the last 90 days of every account’s health with the new weights, at the rules
          worker’s next run.
        </p>
        {(save.error || missing) && (
          <p className="error form-error" role="alert">
            {missing
              ? `Not saved: ${labelOf(missing)} has no weight.`
              : refused
                ? `Not saved: the weight of ${labelOf(refused.slice('healthWeights.'.length) as HealthComponentKey)} was refused (see above).`
                : save.error?.message}
          </p>
        )}
        {manages && (
          <div className="form-buttons">
            <button type="submit" className="primary" disabled={save.isPending || !changed}>
              {save.isPending ? 'Saving…' : 'Save weights'}
            </button>
            {changed && (
              <button
                type="button"
                onClick={() => {
                  setDraft(weightsDraft(base));
                  setMissing(null);
                  save.reset();
                }}
              >
                Undo changes
              </button>
            )}
          </div>
        )}
        <Notice
          text={
            saved && !changed
              ? 'Saved: the rules worker recomputes the health history at its next run.'
              : null
          }
        />
      </form>
    </section>
  );
}
