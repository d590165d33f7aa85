import type { Aggregation, FunnelOrder, PropertyOp } from '@bindery/contracts';
import { type FunnelForm, MAX_STEPS, OPS, ORDERS, WINDOWS } from './funnel-form';

/** The funnel as the URL keeps it: short keys, filters as [property, op, value] triples. */
interface UrlFunnel {
  s: { e: string; f?: [string, PropertyOp, string][] }[];
  o: FunnelOrder;
  w: number;
  a: Aggregation;
  b?: string;
}

/** The most the URL keeps of one typed text; longer text is cut, never refused. */
const MAX_TEXT = 200;
const MAX_FILTERS = 20;

/** The builder's funnel as the `?f=` parameter of the funnels page. */
export function funnelToParam(form: FunnelForm): string {
  const value: UrlFunnel = {
    s: form.steps.map((s) =>
      s.filters.length > 0
        ? { e: s.event, f: s.filters.map((f) => [f.property, f.op, f.value] as [string, PropertyOp, string]) }
        : { e: s.event },
    ),
    o: form.order,
    w: form.windowSeconds,
    a: form.aggregateBy,
    ...(form.breakdown ? { b: form.breakdown } : {}),
  };
  return JSON.stringify(value);
}

const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, MAX_TEXT) : '');

/** The funnel a `?f=` parameter holds, or null when there is none or it is not one (an edited link). */
export function funnelFromParam(raw: string | null): FunnelForm | null {
  if (!raw) return null;
  let value: Partial<UrlFunnel>;
  try {
    value = JSON.parse(raw) as Partial<UrlFunnel>;
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || !Array.isArray(value.s)) return null;
  if (value.s.length === 0 || value.s.length > MAX_STEPS) return null;
  const order = ORDERS.find((o) => o.value === value.o)?.value;
  const window = WINDOWS.find((w) => w.seconds === value.w)?.seconds;
  const aggregateBy: Aggregation | undefined =
    value.a === 'user' || value.a === 'account' ? value.a : undefined;
  if (!order || !window || !aggregateBy) return null;
  const steps = value.s.map((s, i) => ({
    key: i + 1,
    event: text(s?.e),
    filters: (Array.isArray(s?.f) ? s.f.slice(0, MAX_FILTERS) : [])
      .filter((f) => Array.isArray(f) && OPS.some((op) => op.value === f[1]))
      .map((f) => ({ property: text(f[0]), op: f[1], value: text(f[2]) })),
  }));
  return { steps, order, windowSeconds: window, aggregateBy, breakdown: text(value.b) };
}
