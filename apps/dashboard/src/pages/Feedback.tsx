import {
  FEEDBACK_STATUSES,
  type FeedbackBoard,
  type FeedbackInbox,
  type FeedbackMergeBody,
  type FeedbackPatch,
  type FeedbackRequest,
  type FeedbackStatusName,
} from '@bindery/contracts';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useProjectGet, useProjectMutation } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { Notice } from '../components/Notice';
import { formatInt } from '../format';

const STATUS_LABELS: Record<FeedbackStatusName, string> = {
  open: 'Open',
  under_review: 'Under review',
  planned: 'Planned',
  in_progress: 'In progress',
  shipped: 'Shipped',
  declined: 'Declined',
};

/**
 * The feedback inbox: customers' requests, most votes first, each with the MRR of its voters' accounts; the
 * team sets a status and public note, merges duplicates, and opens the public board.
 */
export function Feedback() {
  const inbox = useProjectGet<FeedbackInbox>('feedback/requests');
  return (
    <>
      <PageHeader title="Feedback" />
      <div className="stack">
        <BoardSetting />
        <DataState
          query={inbox}
          label="feedback requests"
          isEmpty={(d) => d.requests.length === 0}
          empty="No request yet: customers send them from the SDK's feedback widget or POST …/feedback/requests (docs/feedback.md)."
        >
          {(d) => (
            <div className="table-wrap">
              <table>
                <caption>Requests, most votes first</caption>
                <thead>
                  <tr>
                    <th scope="col">Request</th>
                    <th scope="col" className="num">
                      Votes
                    </th>
                    <th scope="col" className="num">
                      Voters’ MRR
                    </th>
                    <th scope="col">Status and public note</th>
                    <th scope="col">Merge into</th>
                  </tr>
                </thead>
                <tbody>
                  {d.requests.map((r) => (
                    <RequestRow key={r.id} request={r} others={d.requests} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </DataState>
      </div>
    </>
  );
}

function RequestRow({ request, others }: { request: FeedbackRequest; others: FeedbackRequest[] }) {
  const [status, setStatus] = useState<FeedbackStatusName>(request.status);
  const [note, setNote] = useState(request.publicNote ?? '');
  const [into, setInto] = useState('');
  const update = useProjectMutation<FeedbackPatch, FeedbackRequest>(
    'PATCH',
    () => `feedback/requests/${request.id}`,
    ['feedback/requests'],
  );
  const merge = useProjectMutation<FeedbackMergeBody, FeedbackRequest>(
    'POST',
    () => `feedback/requests/${request.id}/merge`,
    ['feedback/requests'],
  );
  const error = update.error ?? merge.error;
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ status, publicNote: note.trim() === '' ? null : note.trim() });
  };
  return (
    <tr>
      <td>
        <strong>{request.title}</strong>
        {request.body && <p>{request.body}</p>}
        <div>
          <small>
            by <Link to={`/people/${encodeURIComponent(request.authorUserId)}`}>{request.authorUserId}</Link>
            {request.authorAccountId && (
              <>
                {' · '}
                <Link to={`/accounts/${encodeURIComponent(request.authorAccountId)}`}>
                  {request.authorAccountId}
                </Link>
              </>
            )}
            {' · '}
            {request.createdAt.slice(0, 10)}
          </small>
        </div>
      </td>
      <td className="num">{formatInt(request.votes)}</td>
      <td className="num">{formatInt(request.mrr)}</td>
      <td>
        <form onSubmit={save} aria-label={`Status of ${request.title}`} className="form-row">
          <select
            aria-label={`Status of ${request.title}`}
            value={status}
            onChange={(e) => setStatus(e.target.value as FeedbackStatusName)}
          >
            {FEEDBACK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <input
            aria-label={`Public note of ${request.title}`}
            placeholder="Public note"
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" disabled={update.isPending}>
            Save
          </button>
        </form>
        {update.isSuccess && (
          <Notice text={status === 'shipped' ? 'Saved: the voters are emailed.' : 'Saved.'} />
        )}
        {error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
      </td>
      <td>
        <div className="form-row">
          <select
            aria-label={`Merge ${request.title} into`}
            value={into}
            onChange={(e) => setInto(e.target.value)}
          >
            <option value="">A duplicate of…</option>
            {others
              .filter((o) => o.id !== request.id)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
          </select>
          <button
            type="button"
            disabled={into === '' || merge.isPending}
            onClick={() => merge.mutate({ into })}
          >
            Merge
          </button>
        </div>
      </td>
    </tr>
  );
}

/** The opt-in public board: a slug opens /board/<slug>, clearing it closes the board. */
function BoardSetting() {
  const board = useProjectGet<FeedbackBoard>('feedback/board');
  const [slug, setSlug] = useState<string | null>(null);
  const save = useProjectMutation<FeedbackBoard, FeedbackBoard>('PUT', () => 'feedback/board', [
    'feedback/board',
  ]);
  const current = board.data?.slug ?? null;
  const value = slug ?? current ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ slug: value.trim() === '' ? null : value.trim() }, { onSuccess: () => setSlug(null) });
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Public board">
      <h2>Public board</h2>
      <p>
        {current ? (
          <>
            Open at <a href={`/board/${encodeURIComponent(current)}`}>/board/{current}</a>: requests, votes,
            statuses and public notes; no names, accounts or emails.
          </>
        ) : (
          'Closed. Choose an address to show customers what you plan and build.'
        )}
      </p>
      <div className="form-row">
        <label>
          Slug
          <input
            value={value}
            pattern="[a-z0-9]([a-z0-9\-]{0,61}[a-z0-9])?"
            maxLength={63}
            placeholder="empty: closed"
            onChange={(e) => setSlug(e.target.value)}
          />
        </label>
        <button type="submit" disabled={save.isPending}>
          Save
        </button>
      </div>
      {save.isSuccess && <Notice text="Saved." />}
      {save.error && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
    </form>
  );
}
