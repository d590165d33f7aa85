import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Cohort, CohortCreate, CohortSource, CohortType } from '@bindery/contracts';
import { useProjectMutation } from '../../api/hooks';
import { ErrorState } from '../../components/DataState';
import { formatInt } from '../../format';

/**
 * "Save as cohort" for a list on screen: a name and, when the list comes from a query, static (these members)
 * or dynamic (whoever the query finds when the cohort is read); then a link to the saved cohort.
 */
export function SaveCohort({ source, defaultName }: { source: CohortSource; defaultName: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(defaultName);
  const [type, setType] = useState<CohortType>('static');
  const save = useProjectMutation<CohortCreate, Cohort>('POST', () => 'cohorts', ['cohorts']);
  const id = useId();
  const canBeDynamic = source.type !== 'list';

  if (save.data) {
    const saved = save.data;
    return (
      <p className="notice" role="status">
        Saved cohort <Link to={`/cohorts?cohort=${saved.id}`}>{saved.name}</Link>
        {saved.size !== null && ` (${formatInt(saved.size)} members)`}.
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Save as cohort
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ name: name.trim(), type: canBeDynamic ? type : 'static', source });
  };
  return (
    <form className="form-row save-cohort" onSubmit={submit} aria-label="Save as cohort">
      <label htmlFor={`${id}-name`}>Cohort name</label>
      <input
        id={`${id}-name`}
        value={name}
        maxLength={200}
        required
        onChange={(e) => setName(e.target.value)}
      />
      {canBeDynamic && (
        <label>
          Members
          <select value={type} onChange={(e) => setType(e.target.value as CohortType)}>
            <option value="static">These, now (static)</option>
            <option value="dynamic">Whoever it finds when read (dynamic)</option>
          </select>
        </label>
      )}
      <button type="submit" className="primary" disabled={save.isPending || name.trim() === ''}>
        Save cohort
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {save.error && <ErrorState error={save.error} />}
    </form>
  );
}
