import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SavedFunnel, SavedFunnelBody } from '@bindery/contracts';
import { useProjectApi, useProjectMutation } from '../../api/hooks';
import { type FormError, type FunnelForm, toSavedFunnelBody } from './funnel-form';

/** Saves the builder's funnel under a name (`POST funnels`); the saved list then shows it. */
export function SaveFunnelForm({
  form,
  onSaved,
}: {
  form: FunnelForm;
  onSaved: (funnel: SavedFunnel) => void;
}) {
  const { projectId } = useProjectApi();
  const client = useQueryClient();
  const save = useProjectMutation<SavedFunnelBody, SavedFunnel>('POST', () => 'funnels');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);

  function submit() {
    const checked = toSavedFunnelBody(form, name);
    setSaved(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    save.mutate(checked.value, {
      onSuccess: (funnel) => {
        setSaved(funnel.name);
        setName('');
        onSaved(funnel);
        // The saved list only: a prefix of 'funnels' would also rerun the funnel shown.
        void client.invalidateQueries({ queryKey: [projectId, 'funnels'] });
      },
    });
  }

  const messages = [...errors.map((e) => e.message), ...(save.isError ? [save.error.message] : [])];
  return (
    <form
      className="save-funnel"
      aria-label="Save funnel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label>
        Funnel name
        <input
          value={name}
          maxLength={200}
          aria-invalid={messages.length > 0 || undefined}
          aria-describedby={messages.length > 0 ? 'save-funnel-errors' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save funnel'}
      </button>
      {messages.length > 0 && (
        <ul id="save-funnel-errors" className="report-errors" role="alert">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {saved && (
        <p className="saved-ok" role="status">
          Saved “{saved}”.
        </p>
      )}
    </form>
  );
}
