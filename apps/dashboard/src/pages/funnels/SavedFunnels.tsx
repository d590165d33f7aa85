import { useState } from 'react';
import type { SavedFunnel, SavedFunnelList } from '@bindery/contracts';
import { useProjectGet, useProjectMutation } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { formatDuration } from '../../format';

/** The project's saved funnels: open one in the builder (and run it), or delete it. */
export function SavedFunnels({
  openedId,
  onOpen,
}: {
  openedId: string | null;
  onOpen: (funnel: SavedFunnel) => void;
}) {
  const list = useProjectGet<SavedFunnelList>('funnels');
  const remove = useProjectMutation<string>('DELETE', (id) => `funnels/${id}`);
  const [confirming, setConfirming] = useState<string | null>(null);

  return (
    <section className="card stack saved-funnels" aria-labelledby="saved-funnels-heading">
      <h2 id="saved-funnels-heading">Saved funnels</h2>
      <DataState
        query={list}
        minHeight={120}
        label="saved funnels"
        isEmpty={(d) => d.funnels.length === 0}
        empty="No saved funnels yet. Build one and save it."
      >
        {(data) => (
          <ul className="saved-list">
            {data.funnels.map((f) => (
              <li key={f.id} aria-current={f.id === openedId ? 'true' : undefined}>
                <div className="saved-name">
                  <button
                    type="button"
                    className="link"
                    onClick={() => onOpen(f)}
                    aria-label={`Open ${f.name}`}
                  >
                    {f.name}
                  </button>
                  <span className="muted">
                    {f.steps.length} steps · {formatDuration(f.windowSeconds)} ·{' '}
                    {f.aggregateBy === 'account' ? 'accounts' : 'people'}
                  </span>
                </div>
                {confirming === f.id ? (
                  <span className="saved-confirm">
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Confirm: delete ${f.name}`}
                      disabled={remove.isPending}
                      onClick={() =>
                        remove.mutate(f.id, {
                          onSuccess: () => {
                            setConfirming(null);
                            void list.refetch();
                          },
                        })
                      }
                    >
                      {remove.isPending ? 'Deleting…' : 'Delete'}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="danger"
                    aria-label={`Delete ${f.name}`}
                    onClick={() => {
                      remove.reset();
                      setConfirming(f.id);
                    }}
                  >
                    Delete
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </DataState>
      {remove.isError && (
        <p className="error" role="alert">
          Could not delete: {remove.error.message}
        </p>
      )}
    </section>
  );
}
