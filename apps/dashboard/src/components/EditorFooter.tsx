import type { ApiError } from '../api/client';

/** The end of an editor form: why the API refused the last save, then Save (or Create) and Cancel. */
export function EditorFooter({
  what,
  creating,
  save,
  onCancel,
}: {
  /** "rule", "template"…: the buttons say "Create rule" and "Save rule". */
  what: string;
  creating: boolean;
  save: { isPending: boolean; error: ApiError | null };
  onCancel: () => void;
}) {
  return (
    <>
      {save.error && (
        <p className="error form-error" role="alert">
          {save.error.message}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : `${creating ? 'Create' : 'Save'} ${what}`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
