import type { AccountHealthHistory } from '@bindery/contracts';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { useAtRiskBelow } from '../../components/at-risk-line';
import { RangeSelect, useRange } from '../../components/RangeSelect';
import { formatDate } from '../../format';
import { COLORS, shortDay, TICK } from '../../components/chart-style';
import { Section } from '../../components/Section';

const HEIGHT = 240;

/** The account's daily health score over a range, with the "at risk" line. */
export function HealthHistory({ accountId }: { accountId: string }) {
  const range = useRange(30);
  const atRiskBelow = useAtRiskBelow();
  const history = useProjectGet<AccountHealthHistory>(`accounts/${encodeURIComponent(accountId)}/health`, {
    days: range.days,
  });
  return (
    <Section title="Health history" actions={<RangeSelect days={range.days} onChange={range.setDays} />}>
      <DataState
        query={history}
        label="health history"
        minHeight={HEIGHT}
        isEmpty={(d) => d.history.length === 0}
        empty="No score in this range yet: the rules worker scores accounts once a day."
      >
        {(data) => (
          <>
            <div
              className="chart"
              style={{ height: HEIGHT }}
              role="img"
              aria-label={`Health score by day; ${data.history.length} days scored, the last ${data.history.at(-1)?.score ?? ''}`}
            >
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={data.history} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
                  <CartesianGrid stroke={COLORS.grid} vertical={false} />
                  <XAxis dataKey="day" tickFormatter={shortDay} tick={TICK} minTickGap={24} />
                  <YAxis domain={[0, 100]} ticks={[0, atRiskBelow, 100]} tick={TICK} />
                  <ReferenceLine y={atRiskBelow} stroke={COLORS.warn} strokeDasharray="4 4" />
                  <Tooltip labelFormatter={(day) => formatDate(String(day))} />
                  <Line
                    type="monotone"
                    dataKey="score"
                    name="Health"
                    stroke={COLORS.accent}
                    strokeWidth={2}
                    dot={data.history.length < 15}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
            {data.history.length === 1 && (
              <p className="muted">One score so far: the history grows with each daily run of the rules.</p>
            )}
          </>
        )}
      </DataState>
    </Section>
  );
}
