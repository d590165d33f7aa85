import type { Aggregation, FeatureQuery, FeatureResult } from '@bindery/contracts';
import { useProjectReport } from '../api/hooks';
import { AggregationSelect } from '../components/AggregationSelect';
import { CsvDownload } from '../components/CsvDownload';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { ComparedTile } from '../components/date-range/Compared';
import { DateRangePicker } from '../components/date-range/DateRangePicker';
import { useDateRange } from '../components/date-range/use-date-range';
import { choiceParam, useUrlState } from '../components/url-state';
import { formatInt, formatPercent } from '../format';
import { SaveAbandoners } from './features/SaveAbandoners';
import { ABANDON_DAYS, type AbandonDays, featureRows } from './features/feature-rows';
import { FeatureTable } from './features/FeatureTable';
import './analytics.css';

/**
 * Features: adoption, repeat use and abandonment of each feature over the range, and against the period before
 * when comparing; the choices in the URL.
 */
export function Features() {
  const range = useDateRange(30);
  const { params, patch } = useUrlState();
  const aggregateBy = choiceParam<Aggregation>(params.get('by'), ['user', 'account'], 'user');
  const abandonDays = choiceParam<AbandonDays>(Number(params.get('abandon')), ABANDON_DAYS, 14);
  const setAggregateBy = (by: Aggregation) => patch({ by: by === 'user' ? null : by });
  const setAbandonDays = (days: AbandonDays) => patch({ abandon: days === 14 ? null : String(days) });
  const body: FeatureQuery = { from: range.from, to: range.to, aggregateBy, abandonDays, weekly: true };
  const result = useProjectReport<FeatureResult>('features/query', body);
  const previous = useProjectReport<FeatureResult>(
    'features/query',
    { ...body, ...range.previous, weekly: false },
    { enabled: range.previous !== null },
  );
  const before = range.previous ? previous.data : undefined;
  const noun = aggregateBy === 'account' ? 'accounts' : 'people';

  return (
    <>
      <PageHeader title="Features">
        <AggregationSelect value={aggregateBy} onChange={setAggregateBy} />
        <label>
          Abandoned after
          <select value={abandonDays} onChange={(e) => setAbandonDays(Number(e.target.value) as AbandonDays)}>
            {ABANDON_DAYS.map((d) => (
              <option key={d} value={d}>
                {d} days unused
              </option>
            ))}
          </select>
        </label>
        <DateRangePicker range={range} comparable />
        <CsvDownload report="features" query={{ query: JSON.stringify(body) }} />
      </PageHeader>
      <DataState
        query={result}
        minHeight={420}
        label="feature adoption"
        isEmpty={(d) => d.features.length === 0}
        empty={`No ${noun} used any feature in this range.`}
      >
        {(data) => {
          const rows = featureRows(data);
          const top = rows[0];
          return (
            <div className="stack">
              <div className="tiles">
                <ComparedTile
                  label={`Active ${noun}`}
                  now={data.activeSubjects}
                  before={before?.activeSubjects}
                  format={formatInt}
                />
                <ComparedTile
                  label="Features used"
                  now={rows.length}
                  before={before?.features.length}
                  format={formatInt}
                />
                {top && (
                  <div className="tile">
                    <div className="value">{formatPercent(top.shareOfActive)}</div>
                    <div className="label">used “{top.name}”, the most adopted</div>
                  </div>
                )}
              </div>
              <FeatureTable rows={rows} aggregateBy={aggregateBy} previous={before} />
              <SaveAbandoners rows={rows} query={body} />
              <p className="muted report-hint">
                Features are those the project defines in its settings (<code>features</code>: an event’s{' '}
                <code>feature</code> property, else its name, with a display name); until it defines any,
                every event but the lifecycle ones (Signed Up, Signed In, Trial Started…). Share of active: of
                the {formatInt(data.activeSubjects)} {noun} with any event in the range. First used ever: the
                first use by anyone, before the range too. Repeat use: the share that used it on two or more
                days. Abandoned: used it, then not for {abandonDays}+ days while still active elsewhere.
                Weekly trend: the {noun} using it in each 7-day span of the range, the last ending with its
                last day.
              </p>
            </div>
          );
        }}
      </DataState>
    </>
  );
}
