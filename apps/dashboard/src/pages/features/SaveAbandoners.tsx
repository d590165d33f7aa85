import { useId, useState } from 'react';
import type { FeatureQuery } from '@bindery/contracts';
import { formatInt } from '../../format';
import { SaveCohort } from '../cohorts/SaveCohort';
import type { FeatureRow } from './feature-rows';

/** "Save a feature's abandoners as a cohort": the feature to choose (those with abandoners), then Save. */
export function SaveAbandoners({ rows, query }: { rows: FeatureRow[]; query: FeatureQuery }) {
  const abandoned = rows.filter((r) => r.abandoned > 0);
  const [feature, setFeature] = useState('');
  const id = useId();
  if (abandoned.length === 0) return null;
  const chosen = abandoned.find((r) => r.feature === feature) ?? abandoned[0]!;
  return (
    <div className="form-row save-abandoners">
      <label htmlFor={id}>Abandoners of</label>
      <select id={id} value={chosen.feature} onChange={(e) => setFeature(e.target.value)}>
        {abandoned.map((r) => (
          <option key={r.feature} value={r.feature}>
            {r.name} ({formatInt(r.abandoned)})
          </option>
        ))}
      </select>
      <SaveCohort
        key={chosen.feature}
        source={{
          type: 'feature_abandoners',
          feature: chosen.feature,
          from: query.from,
          to: query.to,
          abandonDays: query.abandonDays,
          aggregateBy: query.aggregateBy,
        }}
        defaultName={`Abandoned ${chosen.name}`}
      />
    </div>
  );
}
