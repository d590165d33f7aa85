import type { SavedFunnel, TrainingContent } from '@bindery/contracts';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { type Column, SortableTable } from '../../components/SortableTable';
import { formatDate } from '../../format';
import { ConfirmDelete, DeleteButton, useDeletion } from '../../components/ConfirmDelete';
import { describeContentKey, parseContentKey } from './content-key';

/** Training content by what it is sent for; edit by title, open the link, delete. */
export function ContentList({ content, funnels }: { content: TrainingContent[]; funnels: SavedFunnel[] }) {
  const deletion = useDeletion<TrainingContent>((c) => `training-content/${c.id}`, ['training-content']);
  const { ask } = deletion;
  const columns = useMemo<Column<TrainingContent>[]>(
    () => [
      {
        key: 'key',
        header: 'Sent for',
        sortValue: (c) => describeContentKey(c.key, funnels).toLowerCase(),
        render: (c) => (
          <span className="key-cell">
            <span className="badge">
              {parseContentKey(c.key).kind === 'funnel' ? 'Funnel step' : 'Feature'}
            </span>
            {describeContentKey(c.key, funnels)}
          </span>
        ),
      },
      {
        key: 'title',
        header: 'Title',
        sortValue: (c) => c.title.toLowerCase(),
        render: (c) => <Link to={`?edit=${c.id}`}>{c.title}</Link>,
      },
      {
        key: 'summary',
        header: 'Summary',
        render: (c) => (
          <span className="clamp" title={c.summary}>
            {c.summary || <span className="muted">—</span>}
          </span>
        ),
      },
      {
        key: 'url',
        header: 'Link',
        render: (c) => (
          <a href={c.url} target="_blank" rel="noopener noreferrer" className="url">
            {c.url.replace(/^https?:\/\//, '')}
          </a>
        ),
      },
      {
        key: 'updated',
        header: 'Updated',
        sortValue: (c) => c.updatedAt,
        render: (c) => formatDate(c.updatedAt),
      },
      { key: 'delete', header: '', render: (c) => <DeleteButton name={c.title} onClick={() => ask(c)} /> },
    ],
    [funnels, ask],
  );
  return (
    <div className="stack">
      <ConfirmDelete
        deletion={deletion}
        name={(c) => c.title}
        consequence={() => 'Training emails that need it are skipped until there is another.'}
      />
      <SortableTable
        rows={content}
        columns={columns}
        rowKey={(c) => c.id}
        initialSort={{ key: 'key', direction: 'asc' }}
        caption="Training content"
      />
    </div>
  );
}
