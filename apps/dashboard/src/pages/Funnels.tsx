import { useMemo, useState } from 'react';
import type { FunnelQuery, FunnelResult, FunnelTrendInterval, SavedFunnel } from '@bindery/contracts';
import { useProjectReport } from '../api/hooks';
import { CsvDownload } from '../components/CsvDownload';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { DateRangePicker } from '../components/date-range/DateRangePicker';
import { useDateRange } from '../components/date-range/use-date-range';
import { useEventOptions } from '../components/suggestions';
import { choiceParam, useUrlState } from '../components/url-state';
import { BreakdownTable } from './funnels/BreakdownTable';
import { DropoffList } from './funnels/DropoffList';
import { FunnelBuilder } from './funnels/FunnelBuilder';
import { FunnelChart, CHART_HEIGHT } from './funnels/FunnelChart';
import {
  emptyFunnelForm,
  type FormError,
  type FunnelForm,
  fromSavedFunnel,
  toFunnelQuery,
} from './funnels/funnel-form';
import { stepRows } from './funnels/funnel-result';
import { FunnelComparison } from './funnels/FunnelComparison';
import { FunnelTable } from './funnels/FunnelTable';
import { FunnelTrend, TREND_INTERVALS } from './funnels/FunnelTrend';
import { funnelFromParam, funnelToParam } from './funnels/funnel-url';
import { SavedFunnels } from './funnels/SavedFunnels';
import { SaveFunnelForm } from './funnels/SaveFunnelForm';
import './analytics.css';

/**
 * Funnels: build one from the project's events, run it, see who dropped off where and how conversion moved over
 * time, compare with the period before, save it. The funnel run (`?f=`), its range (`?days=`, `?range=` or
 * `?from=&to=`, `?compare=`), the trend's interval (`?trend=`), the drop-off list open (`?step=`) and the saved
 * funnel opened (`?saved=`) live in the URL: a reload or a shared link shows the same results.
 */
export function Funnels() {
  const { options, loaded } = useEventOptions();
  const range = useDateRange(30);
  const { params, patch } = useUrlState();
  const trend = choiceParam<FunnelTrendInterval>(params.get('trend'), TREND_INTERVALS, 'day');
  const param = params.get('f');
  const [form, setForm] = useState<FunnelForm>(() => funnelFromParam(param) ?? emptyFunnelForm());
  const [errors, setErrors] = useState<FormError[]>([]);
  const submitted = useMemo(() => {
    const linked = funnelFromParam(param);
    const checked = linked && toFunnelQuery(linked, { from: range.from, to: range.to });
    return checked?.ok ? checked.value : null;
  }, [param, range.from, range.to]);
  const stepParam = Number(params.get('step'));
  const dropoffStep =
    submitted && Number.isInteger(stepParam) && stepParam >= 1 && stepParam <= submitted.steps.length
      ? stepParam
      : null;
  const openedId = params.get('saved');
  const setDropoffStep = (step: number | null) => patch({ step: step === null ? null : String(step) });
  const result = useProjectReport<FunnelResult>('funnels/query', submitted && { ...submitted, trend }, {
    enabled: submitted !== null,
  });
  const previous = useProjectReport<FunnelResult>(
    'funnels/query',
    submitted && range.previous && { ...submitted, from: range.previous.from, to: range.previous.to },
    { enabled: submitted !== null && range.previous !== null },
  );

  function run(next: FunnelForm = form, saved: string | null = openedId) {
    const checked = toFunnelQuery(next, range);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    patch({ f: funnelToParam(next), step: null, saved });
  }

  function open(funnel: SavedFunnel) {
    const next = fromSavedFunnel(funnel);
    setForm(next);
    run(next, funnel.id);
  }

  // A 400 is about the funnel as built: it belongs beside the form, not in place of the results.
  const invalid = result.isError && result.error.status === 400;
  return (
    <>
      <PageHeader title="Funnels" />
      <div className="funnels-layout">
        <section className="card" aria-labelledby="builder-heading">
          <h2 id="builder-heading">Build a funnel</h2>
          {loaded && options.length === 0 && (
            <p className="muted">
              No events have arrived yet: send some with the SDK, or type the event names you expect.
            </p>
          )}
          <FunnelBuilder
            form={form}
            onChange={setForm}
            options={options}
            range={<DateRangePicker range={range} comparable />}
            errors={errors}
            apiError={invalid ? result.error.message : null}
            running={submitted !== null && result.isFetching}
            onRun={() => run()}
          />
        </section>
        <aside className="stack">
          <section className="card stack" aria-labelledby="save-heading">
            <h2 id="save-heading">Save this funnel</h2>
            <SaveFunnelForm form={form} onSaved={(f) => patch({ saved: f.id })} />
          </section>
          <SavedFunnels openedId={openedId} onOpen={open} />
        </aside>
      </div>

      <section className="card stack funnel-results" aria-labelledby="results-heading">
        <div className="report-head">
          <h2 id="results-heading">Results</h2>
          {submitted && !invalid && (
            <CsvDownload report="funnel" query={{ query: JSON.stringify(submitted) }} />
          )}
        </div>
        {submitted === null || invalid ? (
          <div className="state state-empty" style={{ minHeight: CHART_HEIGHT }}>
            Pick two or more events and run the funnel, or open a saved one.
          </div>
        ) : (
          <DataState query={result} minHeight={CHART_HEIGHT} label="funnel">
            {(data) => (
              <Results
                query={submitted}
                data={data}
                previous={range.previous ? previous.data : undefined}
                trend={trend}
                onTrend={(next) => patch({ trend: next === 'day' ? null : next })}
                dropoffStep={dropoffStep}
                onDropoff={setDropoffStep}
              />
            )}
          </DataState>
        )}
      </section>
    </>
  );
}

function Results({
  query,
  data,
  previous,
  trend,
  onTrend,
  dropoffStep,
  onDropoff,
}: {
  query: FunnelQuery;
  data: FunnelResult;
  previous?: FunnelResult;
  trend: FunnelTrendInterval;
  onTrend: (interval: FunnelTrendInterval) => void;
  dropoffStep: number | null;
  onDropoff: (step: number | null) => void;
}) {
  const rows = stepRows(data.steps);
  const selected = dropoffStep === null ? undefined : rows[dropoffStep - 1];
  return (
    <div className="stack">
      {rows[0]?.count === 0 ? (
        <div className="state state-empty" style={{ minHeight: CHART_HEIGHT }}>
          Nobody did “{rows[0].event}” in this range, so the funnel is empty. Try a longer range or another
          first step.
        </div>
      ) : (
        <>
          <FunnelComparison data={data} previous={previous} />
          <FunnelChart rows={rows} aggregateBy={query.aggregateBy} onDropoff={onDropoff} />
        </>
      )}
      <FunnelTable rows={rows} aggregateBy={query.aggregateBy} selected={dropoffStep} onDropoff={onDropoff} />
      {selected && (
        <DropoffList
          query={query}
          step={selected.step}
          event={selected.event}
          nextEvent={rows[selected.step]?.event ?? ''}
          total={selected.dropOff}
          onClose={() => onDropoff(null)}
        />
      )}
      {data.trend && rows[0] && rows[0].count > 0 && (
        <FunnelTrend
          trend={data.trend}
          interval={trend}
          onInterval={onTrend}
          lastEvent={rows.at(-1)?.event ?? ''}
        />
      )}
      {query.breakdown && data.breakdowns && (
        <section className="stack" aria-labelledby="breakdown-heading">
          <h3 id="breakdown-heading">By {query.breakdown.property}</h3>
          {data.breakdowns.length === 0 ? (
            <p className="muted">No values of “{query.breakdown.property}” on the first step’s events.</p>
          ) : (
            <BreakdownTable property={query.breakdown.property} breakdowns={data.breakdowns} />
          )}
        </section>
      )}
    </div>
  );
}
