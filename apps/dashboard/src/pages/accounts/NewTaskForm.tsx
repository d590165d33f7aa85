import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import type { Note, NoteBody, Task, TaskCreate } from '@bindery/contracts';
import { useProjectApi, useProjectMutation } from '../../api/hooks';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { useSession } from '../../session';
import { AssigneePicker } from '../tasks/AssigneePicker';
import { startOfDayIso } from '../tasks/task-dates';

const PRIORITIES: { value: Task['priority']; label: string }[] = [
  { value: 'P1', label: 'P1 (due in a day)' },
  { value: 'P2', label: 'P2 (3 days)' },
  { value: 'P3', label: 'P3 (a week)' },
  { value: 'P4', label: 'P4 (2 weeks)' },
];

/**
 * A task made by hand on the account: title, details, priority, assignee, due date (by priority unless given)
 * and a first note, which is added to the task once it exists.
 */
export function NewTaskForm({ accountId, onDone }: { accountId: string; onDone: (message: string) => void }) {
  const { session } = useSession();
  const api = useProjectApi();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [priority, setPriority] = useState<Task['priority']>('P3');
  const [assignee, setAssignee] = useState<string | null | undefined>(session?.email || null);
  const [due, setDue] = useState('');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const id = useId();
  const create = useProjectMutation<TaskCreate, Task>('POST', () => 'tasks', ['tasks', 'accounts']);
  const busy = create.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '' || assignee === undefined) return;
    const dueAt = startOfDayIso(due);
    void create
      .mutateAsync({
        accountId,
        title: title.trim(),
        ...(body.trim() && { body: body.trim() }),
        priority,
        assignee,
        ...(dueAt && { dueAt }),
      })
      .then(
        async (task) => {
          if (note.trim()) {
            try {
              await api.call<Note>(`tasks/${task.id}/notes`, {
                method: 'POST',
                body: { body: note.trim() } satisfies NoteBody,
              });
              // The account's notes and the task's timeline now hold it.
              await client.invalidateQueries({
                predicate: (q) =>
                  q.queryKey[0] === api.projectId && /^(tasks|accounts)/.test(String(q.queryKey[1])),
              });
            } catch (error) {
              setNoteError(`The task was made, but its note was not saved: ${(error as Error).message}`);
              return;
            }
          }
          onDone(`Task “${task.title}” created${note.trim() ? ' with a note' : ''}.`);
        },
        () => undefined,
      );
  };
  return (
    <form className="card new-task" onSubmit={submit} aria-label="New task">
      <div className="form-grid new-task-grid">
        <label htmlFor={`${id}-title`} className="span-2">
          Title
          <input
            id={`${id}-title`}
            required
            maxLength={300}
            value={title}
            placeholder="Call about the renewal"
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label htmlFor={`${id}-body`} className="span-2 note-input">
          Details
          <textarea
            id={`${id}-body`}
            rows={2}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        </label>
        <ChoiceSelect<Task['priority']>
          label="Priority"
          value={priority}
          choices={PRIORITIES}
          onChange={setPriority}
        />
        <label htmlFor={`${id}-due`}>
          Due (optional)
          <input id={`${id}-due`} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        <div className="assignee-field span-2">
          <AssigneePicker value={assignee} onChange={setAssignee} />
        </div>
        <label htmlFor={`${id}-note`} className="span-2 note-input">
          First note (optional)
          <textarea
            id={`${id}-note`}
            rows={2}
            maxLength={5000}
            value={note}
            placeholder="Why this task, what you know so far"
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
      </div>
      <div className="form-buttons">
        <button
          type="submit"
          className="primary"
          disabled={busy || title.trim() === '' || assignee === undefined}
        >
          {busy ? 'Creating…' : 'Create task'}
        </button>
        <button type="button" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>
      {create.isError && (
        <p className="form-error error" role="alert">
          Could not create the task: {create.error.message}
        </p>
      )}
      {noteError && (
        <p className="form-error error" role="alert">
          {noteError}
        </p>
      )}
    </form>
  );
}
