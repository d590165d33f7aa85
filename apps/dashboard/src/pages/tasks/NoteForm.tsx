import { type FormEvent, useId, useState } from 'react';
import type { Note, NoteBody } from '@bindery/contracts';
import { useProjectMutation } from '../../api/hooks';

/** Adds a note to an account or a task (`path` is its notes'); the lists that show notes reload. */
export function NoteForm({ path, label = 'Add a note' }: { path: string; label?: string }) {
  const [body, setBody] = useState('');
  const id = useId();
  const add = useProjectMutation<NoteBody, Note>('POST', () => path, ['tasks', 'accounts']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body.trim() === '') return;
    void add.mutateAsync({ body: body.trim() }).then(
      () => setBody(''),
      () => undefined,
    );
  };
  return (
    <form className="note-form" onSubmit={submit}>
      <label htmlFor={id} className="note-input">
        {label}
        <textarea
          id={id}
          rows={2}
          maxLength={5000}
          placeholder="What you did, heard or decided"
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      </label>
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={add.isPending || body.trim() === ''}>
          {add.isPending ? 'Saving…' : 'Save note'}
        </button>
        {add.isError && (
          <span className="error" role="alert">
            Could not save the note: {add.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
