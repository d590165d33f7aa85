import type { Aggregation } from '@bindery/contracts';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Text,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCompact, formatInt, formatPercent } from '../../format';
import { type StepRowData, subjectNoun } from './funnel-result';

export const CHART_HEIGHT = 300;

/** A step's name under its bar, wrapped to the bar's width so that long names do not overlap. */
function StepTick(props: { x?: number; y?: number; payload?: { value: string; offset?: number } }) {
  const width = Math.max(40, (props.payload?.offset ?? 40) * 2 - 8);
  return (
    <Text
      x={props.x}
      y={props.y}
      width={width}
      maxLines={2}
      textAnchor="middle"
      verticalAnchor="start"
      fill="var(--muted)"
      fontSize={12}
    >
      {props.payload?.value ?? ''}
    </Text>
  );
}

/**
 * Each step's bar is who reached it: those who went on to the next step (solid) and those who stopped at it
 * (pale), as the table's "Dropped off" of the same row; the conversion from the first step on top. Clicking a
 * pale part opens the list of who stopped at that step.
 */
export function FunnelChart({
  rows,
  aggregateBy,
  onDropoff,
}: {
  rows: StepRowData[];
  aggregateBy: Aggregation;
  onDropoff: (step: number) => void;
}) {
  const data = rows.map((r) => {
    const stopped = r.count - r.wentOn;
    return {
      name: `${r.step}. ${r.event}`,
      wentOn: r.wentOn,
      stopped,
      // The conversion goes on top of the stack: on the pale part, or on the solid one when nobody stopped.
      labelOnWentOn: stopped > 0 ? undefined : formatPercent(r.conversionFromFirst),
      labelOnStopped: stopped > 0 ? formatPercent(r.conversionFromFirst) : undefined,
    };
  });
  const noun = subjectNoun(aggregateBy);
  const summary = rows.map((r) => `${r.event}: ${formatInt(r.count)}`).join(', ');
  return (
    <div
      className="chart"
      style={{ height: CHART_HEIGHT }}
      role="img"
      aria-label={`Funnel chart. ${summary}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 24, right: 8, bottom: 8, left: 0 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="name" interval={0} tickLine={false} height={44} tick={<StepTick />} />
          <YAxis
            width={48}
            tickFormatter={(v: number) => formatCompact(v)}
            allowDecimals={false}
            tick={{ fontSize: 12, fill: 'var(--muted)' }}
          />
          <Tooltip
            cursor={{ fill: 'var(--accent-soft)', opacity: 0.4 }}
            formatter={(value, name) => [formatInt(Number(value)), name]}
          />
          <Bar
            dataKey="wentOn"
            name={`Went on (${noun})`}
            stackId="funnel"
            fill="var(--accent)"
            isAnimationActive={false}
          >
            <LabelList
              dataKey="labelOnWentOn"
              position="top"
              fill="var(--text)"
              fontSize={12}
              fontWeight={600}
            />
          </Bar>
          <Bar
            dataKey="stopped"
            name="Stopped at this step"
            stackId="funnel"
            fill="#c9d3f6"
            cursor="pointer"
            isAnimationActive={false}
            onClick={(_, index) => {
              if (data[index] && data[index].stopped > 0) onDropoff(index + 1);
            }}
          >
            <LabelList
              dataKey="labelOnStopped"
              position="top"
              fill="var(--text)"
              fontSize={12}
              fontWeight={600}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
