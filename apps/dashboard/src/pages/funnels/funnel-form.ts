import type {
  Aggregation,
  FunnelOrder,
  FunnelQuery,
  FunnelStep,
  PropertyCondition,
  PropertyFilter,
  PropertyOp,
  PropertyValue,
  SavedFunnel,
  SavedFunnelBody,
} from '@bindery/contracts';

/** The funnel builder's state: what the user typed, before it becomes an API request. */
export interface FilterForm {
  property: string;
  op: PropertyOp;
  value: string;
}

export interface StepForm {
  /** Stable React key, so that reordering moves the inputs (and their focus) with the step. */
  key: number;
  event: string;
  filters: FilterForm[];
}

export interface FunnelForm {
  steps: StepForm[];
  order: FunnelOrder;
  windowSeconds: number;
  aggregateBy: Aggregation;
  /** Breakdown property; empty for none. */
  breakdown: string;
}

/** A field the form can point an error at: `steps`, `step-<i>-event`, `step-<i>-filter-<j>`, `breakdown`, `name`. */
export interface FormError {
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FormError[] };

export const MIN_STEPS = 2;
export const MAX_STEPS = 20;
export const BREAKDOWN_LIMIT = 25;

export const WINDOWS: { seconds: number; label: string }[] = [
  { seconds: 3_600, label: '1 hour' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 7 * 86_400, label: '7 days' },
  { seconds: 14 * 86_400, label: '14 days' },
  { seconds: 30 * 86_400, label: '30 days' },
  { seconds: 90 * 86_400, label: '90 days' },
];

export const ORDERS: { value: FunnelOrder; label: string; hint: string }[] = [
  { value: 'ordered', label: 'In order', hint: 'steps in this order, other events in between allowed' },
  { value: 'strict', label: 'Strict order', hint: 'steps in this order, nothing in between' },
  { value: 'unordered', label: 'Any order', hint: 'all steps within the window, in any order' },
];

export const OPS: { value: PropertyOp; label: string }[] = [
  { value: 'eq', label: 'equals' },
  { value: 'neq', label: 'does not equal' },
  { value: 'contains', label: 'contains' },
  { value: 'gt', label: '>' },
  { value: 'gte', label: '≥' },
  { value: 'lt', label: '<' },
  { value: 'lte', label: '≤' },
  { value: 'is_set', label: 'is set' },
  { value: 'is_not_set', label: 'is not set' },
];

const NUMERIC_OPS: PropertyOp[] = ['gt', 'gte', 'lt', 'lte'];
const VALUELESS_OPS: PropertyOp[] = ['is_set', 'is_not_set'];
const NUMBER = /^-?\d+(\.\d+)?$/;

export const opNeedsValue = (op: PropertyOp) => !VALUELESS_OPS.includes(op);

function step(key: number, event = ''): StepForm {
  return { key, event, filters: [] };
}

export function emptyFunnelForm(): FunnelForm {
  return {
    steps: [step(1), step(2)],
    order: 'ordered',
    windowSeconds: 7 * 86_400,
    aggregateBy: 'user',
    breakdown: '',
  };
}

const nextKey = (steps: StepForm[]) => Math.max(0, ...steps.map((s) => s.key)) + 1;

export function addStep(form: FunnelForm): FunnelForm {
  if (form.steps.length >= MAX_STEPS) return form;
  return { ...form, steps: [...form.steps, step(nextKey(form.steps))] };
}

export function removeStep(form: FunnelForm, index: number): FunnelForm {
  if (form.steps.length <= MIN_STEPS) return form;
  return { ...form, steps: form.steps.filter((_, i) => i !== index) };
}

/** Moves a step up (-1) or down (+1); a move past either end changes nothing. */
export function moveStep(form: FunnelForm, index: number, delta: -1 | 1): FunnelForm {
  const target = index + delta;
  if (target < 0 || target >= form.steps.length) return form;
  const steps = [...form.steps];
  [steps[index], steps[target]] = [steps[target]!, steps[index]!];
  return { ...form, steps };
}

export function updateStep(form: FunnelForm, index: number, change: Partial<StepForm>): FunnelForm {
  return { ...form, steps: form.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) };
}

/**
 * A typed value as the API compares it: `true`/`false` and numbers keep their type (the API compares
 * like with like), quotes force text ("42" is the string 42), anything else is text.
 */
export function parseValue(text: string): PropertyValue {
  const value = text.trim();
  if (value === 'true' || value === 'false') return value === 'true';
  if (NUMBER.test(value)) return Number(value);
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1);
  return value;
}

/** The inverse of parseValue, for a saved funnel opened again. */
export function formatValue(value: PropertyValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  return parseValue(value) === value ? value : `"${value}"`;
}

function checkFilter(filter: FilterForm, where: string): { condition?: PropertyCondition; error?: string } {
  if (!opNeedsValue(filter.op)) return { condition: { op: filter.op } };
  const text = filter.value.trim();
  if (text === '') return { error: `${where} needs a value.` };
  if (NUMERIC_OPS.includes(filter.op)) {
    return NUMBER.test(text)
      ? { condition: { op: filter.op, value: Number(text) } }
      : { error: `${where} compares numbers: “${text}” is not one.` };
  }
  if (filter.op === 'contains') return { condition: { op: 'contains', value: text } };
  return { condition: { op: filter.op, value: parseValue(text) } };
}

function checkSteps(form: FunnelForm, errors: FormError[]): FunnelStep[] {
  if (form.steps.length < MIN_STEPS || form.steps.length > MAX_STEPS) {
    errors.push({ field: 'steps', message: `A funnel has ${MIN_STEPS} to ${MAX_STEPS} steps.` });
  }
  return form.steps.map((s, i) => {
    const event = s.event.trim();
    if (event === '') errors.push({ field: `step-${i}-event`, message: `Step ${i + 1} needs an event.` });
    const where: PropertyFilter = {};
    const seen = new Set<string>();
    s.filters.forEach((filter, j) => {
      const field = `step-${i}-filter-${j}`;
      const property = filter.property.trim();
      if (property === '') {
        errors.push({ field, message: `Step ${i + 1}: name the property to filter on.` });
        return;
      }
      if (seen.has(property)) {
        errors.push({ field, message: `Step ${i + 1} filters on “${property}” twice.` });
        return;
      }
      seen.add(property);
      const { condition, error } = checkFilter(filter, `Step ${i + 1}’s filter on “${property}”`);
      if (error) errors.push({ field, message: error });
      else where[property] = condition!;
    });
    return Object.keys(where).length > 0 ? { event, where } : { event };
  });
}

/** The body of `POST funnels/query`, or what the user must fix first. */
export function toFunnelQuery(form: FunnelForm, range: { from: string; to: string }): Checked<FunnelQuery> {
  const errors: FormError[] = [];
  const steps = checkSteps(form, errors);
  if (errors.length > 0) return { ok: false, errors };
  const breakdown = form.breakdown.trim();
  return {
    ok: true,
    value: {
      steps,
      windowSeconds: form.windowSeconds,
      order: form.order,
      aggregateBy: form.aggregateBy,
      from: range.from,
      to: range.to,
      ...(breakdown ? { breakdown: { property: breakdown, limit: BREAKDOWN_LIMIT } } : {}),
    },
  };
}

/** The body of `POST funnels`: the definition without range or breakdown, under a name. */
export function toSavedFunnelBody(form: FunnelForm, name: string): Checked<SavedFunnelBody> {
  const errors: FormError[] = [];
  const steps = checkSteps(form, errors);
  if (name.trim() === '') errors.push({ field: 'name', message: 'Give the funnel a name.' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: name.trim(),
      steps,
      windowSeconds: form.windowSeconds,
      order: form.order,
      aggregateBy: form.aggregateBy,
    },
  };
}

/** A saved funnel back in the builder. */
export function fromSavedFunnel(saved: SavedFunnel): FunnelForm {
  return {
    steps: saved.steps.map((s, i) => ({
      key: i + 1,
      event: s.event,
      filters: Object.entries(s.where ?? {}).map(([property, condition]) =>
        typeof condition === 'object'
          ? { property, op: condition.op, value: formatValue(condition.value) }
          : { property, op: 'eq' as const, value: formatValue(condition) },
      ),
    })),
    order: saved.order,
    windowSeconds: saved.windowSeconds,
    aggregateBy: saved.aggregateBy,
    breakdown: '',
  };
}

/** The funnel query without its breakdown: the drop-off list is of the whole funnel. */
export function dropoffQueryParam(query: FunnelQuery): string {
  return JSON.stringify({ ...query, breakdown: undefined });
}
