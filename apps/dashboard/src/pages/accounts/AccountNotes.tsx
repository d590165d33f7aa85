import type { NoteList } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { RelativeTime } from '../../components/RelativeTime';
import { Section } from '../../components/Section';
import { NoteForm } from '../tasks/NoteForm';

const LIMIT = 50;

/** What people wrote about the account, newest first, those on its tasks marked with the task; and a new one. */
export function AccountNotes({ accountId }: { accountId: string }) {
  const path = `accounts/${encodeURIComponent(accountId)}/notes`;
  const notes = useProjectGet<NoteList>(path, { limit: LIMIT });
  return (
    <Section title="Notes">
      <NoteForm path={path} label="Add a note to the account" />
      <DataState
        query={notes}
        label="notes"
        minHeight={60}
        isEmpty={(d) => d.notes.length === 0}
        empty="No notes yet: what you learn about the account goes here."
      >
        {(data) => (
          <>
            <ul className="list-stack note-list">
              {data.notes.map((n) => (
                <li key={n.id}>
                  <p className="note-body">{n.body}</p>
                  <p className="muted note-meta">
                    {n.author} · <RelativeTime iso={n.createdAt} />
                    {n.taskTitle && <> · on the task “{n.taskTitle}”</>}
                  </p>
                </li>
              ))}
            </ul>
            {data.nextCursor && <p className="muted">The newest {LIMIT} notes are shown.</p>}
          </>
        )}
      </DataState>
    </Section>
  );
}
