import { type ReactNode, useMemo, useState } from 'react';
import { formatInt } from '../format';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Makes the column sortable by this value (nulls last either way). */
  sortValue?: (row: T) => number | string | null;
  align?: 'left' | 'right';
}

export type SortState = { key: string; direction: 'asc' | 'desc' };

/** Sorts rows by a column's value; nulls last in both directions, ties keep their order. */
export function sortRows<T>(rows: T[], columns: Column<T>[], sort: SortState | null): T[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!sort || !column?.sortValue) return rows;
  const value = column.sortValue;
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.index - b.index : a.v === null ? 1 : -1;
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v));
      return c === 0 ? a.index - b.index : c * sign;
    })
    .map((x) => x.row);
}

/**
 * A table whose sortable headers are buttons (keyboard reachable) and say their order with aria-sort. With
 * `pageSize`, every row is sorted but only the first `pageSize` are laid out until "Show all": laying out a
 * table of thousands of rows on each sort takes seconds. With `sort` and `onSort`, the caller keeps the order
 * (in the URL, say); otherwise the table does, from `initialSort`.
 */
export function SortableTable<T>({
  rows,
  columns,
  rowKey,
  initialSort = null,
  caption,
  pageSize,
  sort: controlled,
  onSort,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  initialSort?: SortState | null;
  caption?: string;
  pageSize?: number;
  sort?: SortState | null;
  onSort?: (sort: SortState) => void;
}) {
  const [own, setOwn] = useState<SortState | null>(initialSort);
  const sort = controlled === undefined ? own : controlled;
  const [showAll, setShowAll] = useState(false);
  const sorted = useMemo(() => sortRows(rows, columns, sort), [rows, columns, sort]);
  const limit = pageSize !== undefined && !showAll && sorted.length > pageSize ? pageSize : null;
  const shown = limit === null ? sorted : sorted.slice(0, limit);
  const toggle = (key: string) => {
    const next: SortState =
      sort?.key === key
        ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: 'desc' };
    setOwn(next);
    onSort?.(next);
  };
  return (
    <>
      <div className="table-scroll">
        <table>
          {caption && <caption className="visually-hidden">{caption}</caption>}
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.align === 'right' ? 'num' : undefined}
                  aria-sort={
                    sort?.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  {c.sortValue ? (
                    <button type="button" className="sort" onClick={() => toggle(c.key)}>
                      {c.header}
                      <span aria-hidden="true">
                        {sort?.key === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.align === 'right' ? 'num' : undefined}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {limit !== null && (
        <div className="load-more">
          <span className="muted">
            The first {formatInt(limit)} of {formatInt(sorted.length)} shown, as sorted
          </span>
          <button type="button" onClick={() => setShowAll(true)}>
            Show all {formatInt(sorted.length)}
          </button>
        </div>
      )}
    </>
  );
}
