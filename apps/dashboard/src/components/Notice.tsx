/** A short confirmation after a change ("Saved …"), announced politely. */
export function Notice({ text }: { text: string | null }) {
  return text ? (
    <p className="notice" role="status">
      {text}
    </p>
  ) : null;
}

/** The editor of something that is not there (deleted meanwhile, or a stale link). */
export function EditorNotFound({ what, onBack }: { what: string; onBack: () => void }) {
  return (
    <div className="state state-empty" style={{ minHeight: 160 }}>
      <p>This {what} does not exist any more.</p>
      <button type="button" onClick={onBack}>
        Back to the list
      </button>
    </div>
  );
}
