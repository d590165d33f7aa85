import type { PersonList, TrainingContentList } from '@bindery/contracts';
import { useState } from 'react';
import { useProjectGet } from '../../api/hooks';
import { Field } from '../../components/Field';
import { personLabel } from './template-preview';
import { useDebounced } from './use-debounced';

const SEARCH_DELAY_MS = 300;
const PEOPLE_SHOWN = 20;

export interface RealPersonChoice {
  personId: string;
  contentKey: string;
}

/**
 * Picks the real person a draft is previewed for (searched by id, email or name) and the training content it
 * carries, from the project's own lists.
 */
export function RealPersonFields({
  value,
  onChange,
}: {
  value: RealPersonChoice;
  onChange: (choice: RealPersonChoice) => void;
}) {
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const people = useProjectGet<PersonList>(
    'people',
    settled === '' ? { limit: PEOPLE_SHOWN } : { search: settled, limit: PEOPLE_SHOWN },
  );
  const content = useProjectGet<TrainingContentList>('training-content');
  const found = people.data?.people ?? [];
  return (
    <fieldset>
      <legend>Real person</legend>
      <div className="preview-as">
        <Field label="Find a person" help="Part of an id, an email or a name">
          {(control) => (
            <input {...control} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          )}
        </Field>
        <Field label="Person" help={people.isError ? people.error.message : `${found.length} shown`}>
          {(control) => (
            <select
              {...control}
              value={value.personId}
              onChange={(e) => onChange({ ...value, personId: e.target.value })}
            >
              <option value="">Choose a person</option>
              {value.personId !== '' && !found.some((p) => p.id === value.personId) && (
                <option value={value.personId}>{value.personId}</option>
              )}
              {found.map((p) => (
                <option key={p.id} value={p.id}>
                  {personLabel(p)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Training content" help="What a rule’s email about this feature or step carries">
          {(control) => (
            <select
              {...control}
              value={value.contentKey}
              onChange={(e) => onChange({ ...value, contentKey: e.target.value })}
            >
              <option value="">Choose content</option>
              {(content.data?.content ?? []).map((c) => (
                <option key={c.id} value={c.key}>
                  {`${c.title} (${c.key})`}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}
