import { useCallback, useState } from 'react';
import type { ApiError } from '../api/client';
import { useProjectMutation } from '../api/hooks';

/** The row a list is asked to delete, and the deletion under way. */
export interface Deletion<T> {
  target: T | null;
  ask: (row: T | null) => void;
  confirm: () => void;
  busy: boolean;
  error: ApiError | null;
}

/**
 * A list's deletion, asked first: a row's Delete button names the row (`ask`), one confirmation above the
 * list deletes it. `path` gives the row's address (a DELETE sends no body).
 */
export function useDeletion<T>(path: (row: T) => string, invalidates: string[]): Deletion<T> {
  const [target, setTarget] = useState<T | null>(null);
  const remove = useProjectMutation<T>('DELETE', path, invalidates);
  const { reset } = remove;
  const ask = useCallback(
    (row: T | null) => {
      reset();
      setTarget(row);
    },
    [reset],
  );
  return {
    target,
    ask,
    confirm: () => {
      if (target) remove.mutate(target, { onSuccess: () => setTarget(null) });
    },
    busy: remove.isPending,
    error: remove.error,
  };
}

/** A row's Delete button, named for the row ("Delete Users going quiet"). */
export function DeleteButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <button type="button" className="danger" aria-label={`Delete ${name}`} onClick={onClick}>
      Delete
    </button>
  );
}

/**
 * "Delete X? What goes with it. Yes, delete / Cancel" for the row `deletion` asks about, and why it
 * failed; Cancel has the focus. Nothing while no row is asked about.
 */
export function ConfirmDelete<T>({
  deletion,
  name,
  consequence,
}: {
  deletion: Deletion<T>;
  name: (row: T) => string;
  consequence?: (row: T) => string | undefined;
}) {
  const { target, ask, confirm, busy, error } = deletion;
  if (target === null) return null;
  const also = consequence?.(target);
  return (
    <div className="confirm" role="group" aria-label={`Confirm deleting ${name(target)}`}>
      <p>
        Delete <strong>{name(target)}</strong>?{also ? ` ${also}` : ''}
      </p>
      <div className="form-buttons">
        <button type="button" className="danger" disabled={busy} onClick={confirm}>
          {busy ? 'Deleting…' : 'Yes, delete'}
        </button>
        <button type="button" autoFocus disabled={busy} onClick={() => ask(null)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}
