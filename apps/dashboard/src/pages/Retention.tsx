import { useState } from 'react';
import type { RetentionResult } from '@bindery/contracts';
import { useProjectReport } from '../api/hooks';
import { CsvDownload } from '../components/CsvDownload';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { useLastDays } from '../components/date-range/use-date-range';
import { useEventOptions } from '../components/suggestions';
import { useUrlState } from '../components/url-state';
import { CohortGrid, ShadeLegend } from './retention/CohortGrid';
import { defaultDraft, type RetentionDraft, toRetentionQuery } from './retention/retention-grid';
import { RetentionCurve } from './retention/RetentionCurve';
import { RetentionForm } from './retention/RetentionForm';
import { retentionFromParams, retentionToParams } from './retention/retention-url';
import './analytics.css';

const GRID_HEIGHT = 360;

/** Retention: cohorts by their first start event, and the share that came back in each later period; the run in the URL. */
export function Retention() {
  const { options, loaded } = useEventOptions();
  const names = options.map((o) => o.name);
  const { params, patch } = useUrlState();
  const rangeOf = useLastDays();
  const linked = retentionFromParams(params, defaultDraft(names));
  // Until the user edits or submits, the form and the grid follow the URL, else the defaults from the event names.
  const [draft, setDraft] = useState<RetentionDraft | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const current = draft ?? linked ?? defaultDraft(names);
  const shown = linked ?? (loaded ? defaultDraft(names) : null);
  const checked = shown && toRetentionQuery(shown, rangeOf(shown.days));
  const query = checked?.ok ? checked.value : null;
  const result = useProjectReport<RetentionResult>('retention/query', query, { enabled: query !== null });

  function submit() {
    const next = toRetentionQuery(current, rangeOf(current.days));
    if (!next.ok) {
      setErrors(next.errors);
      return;
    }
    setErrors([]);
    patch(retentionToParams(current));
  }

  const invalid = result.isError && result.error.status === 400;
  return (
    <>
      <PageHeader title="Retention" />
      <div className="stack">
        <section className="card" aria-labelledby="retention-form-heading">
          <h2 id="retention-form-heading" className="visually-hidden">
            What to measure
          </h2>
          <RetentionForm
            draft={current}
            onChange={setDraft}
            options={options}
            errors={invalid ? [...errors, result.error.message] : errors}
            running={query !== null && result.isFetching}
            onSubmit={submit}
          />
        </section>
        <section className="card stack" aria-labelledby="grid-heading">
          <div className="report-head">
            <h2 id="grid-heading">
              {query ? `“${query.startEvent}”, then “${query.returnEvent}”` : 'Cohorts'}
            </h2>
            <div className="form-row">
              <ShadeLegend />
              {query && <CsvDownload report="retention" query={{ query: JSON.stringify(query) }} />}
            </div>
          </div>
          {!loaded && query === null ? (
            <div className="state state-loading" style={{ minHeight: GRID_HEIGHT }} role="status">
              <span className="visually-hidden">Loading the event names…</span>
              <div className="skeleton" style={{ height: GRID_HEIGHT }} />
            </div>
          ) : query === null || invalid ? (
            <div className="state state-empty" style={{ minHeight: GRID_HEIGHT }}>
              Pick the event that starts a cohort and the event that counts as coming back.
            </div>
          ) : (
            <DataState
              query={result}
              minHeight={GRID_HEIGHT}
              label="retention"
              isEmpty={(d) => d.cohorts.every((c) => c.size === 0)}
              empty={`Nobody did “${query.startEvent}” for the first time in this range.`}
            >
              {(data) => (
                <>
                  <div className="retention-results">
                    <CohortGrid result={data} aggregateBy={query.aggregateBy} />
                    <RetentionCurve result={data} />
                  </div>
                  <p className="muted report-hint">
                    Each row is the {query.aggregateBy === 'account' ? 'accounts' : 'people'} whose first “
                    {query.startEvent}” fell in that {data.period}; each cell, the share of them that did “
                    {query.returnEvent}” that many {data.period}s later ({data.period} 0: the cohort itself).
                    Blank cells are still to come; an outlined cell is the {data.period} in progress at the
                    end of the range, counted so far. The curve and the all-cohorts row join the cohorts: each{' '}
                    {data.period}, of the cohorts it has ended for.
                  </p>
                </>
              )}
            </DataState>
          )}
        </section>
      </div>
    </>
  );
}
