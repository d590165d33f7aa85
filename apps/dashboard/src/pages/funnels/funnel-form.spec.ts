import type { SavedFunnel } from '@bindery/contracts';
import {
  addStep,
  dropoffQueryParam,
  emptyFunnelForm,
  formatValue,
  fromSavedFunnel,
  type FunnelForm,
  MAX_STEPS,
  moveStep,
  parseValue,
  removeStep,
  toFunnelQuery,
  toSavedFunnelBody,
  updateStep,
} from './funnel-form';

const range = { from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };

function withEvents(...events: string[]): FunnelForm {
  let form = emptyFunnelForm();
  while (form.steps.length < events.length) form = addStep(form);
  events.forEach((event, i) => (form = updateStep(form, i, { event })));
  return form;
}

describe('funnel form', () => {
  it('builds the query body of a valid form, trimming names and adding the breakdown', () => {
    const form = { ...withEvents(' Signed Up ', 'Project Created'), breakdown: ' plan ' };
    expect(toFunnelQuery(form, range)).toEqual({
      ok: true,
      value: {
        steps: [{ event: 'Signed Up' }, { event: 'Project Created' }],
        windowSeconds: 604_800,
        order: 'ordered',
        aggregateBy: 'user',
        ...range,
        breakdown: { property: 'plan', limit: 25 },
      },
    });
  });

  it('names each step that misses its event', () => {
    const result = toFunnelQuery(withEvents('Signed Up', '  ', ''), range);
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'step-1-event', message: 'Step 2 needs an event.' },
        { field: 'step-2-event', message: 'Step 3 needs an event.' },
      ],
    });
  });

  it('turns filters into typed conditions and points at the broken ones', () => {
    let form = withEvents('Invite Sent', 'Report Shared');
    form = updateStep(form, 0, {
      filters: [
        { property: 'seats', op: 'gte', value: '2' },
        { property: 'plan', op: 'eq', value: 'pro' },
        { property: 'trial', op: 'eq', value: 'true' },
        { property: 'code', op: 'eq', value: '"42"' },
        { property: 'referrer', op: 'is_set', value: 'ignored' },
      ],
    });
    const ok = toFunnelQuery(form, range);
    expect(ok.ok && ok.value.steps[0]).toEqual({
      event: 'Invite Sent',
      where: {
        seats: { op: 'gte', value: 2 },
        plan: { op: 'eq', value: 'pro' },
        trial: { op: 'eq', value: true },
        code: { op: 'eq', value: '42' },
        referrer: { op: 'is_set' },
      },
    });

    form = updateStep(form, 1, {
      filters: [
        { property: 'seats', op: 'gt', value: 'many' },
        { property: '', op: 'eq', value: 'x' },
        { property: 'plan', op: 'contains', value: ' ' },
        { property: 'seats', op: 'eq', value: '1' },
      ],
    });
    const bad = toFunnelQuery(form, range);
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual([
      'step-1-filter-0',
      'step-1-filter-1',
      'step-1-filter-2',
      'step-1-filter-3',
    ]);
  });

  it('keeps between 2 and 20 steps, and moves steps within bounds', () => {
    let form = withEvents('A', 'B');
    expect(removeStep(form, 0)).toBe(form);
    for (let i = 0; i < 30; i++) form = addStep(form);
    expect(form.steps).toHaveLength(MAX_STEPS);
    expect(new Set(form.steps.map((s) => s.key)).size).toBe(MAX_STEPS);

    form = withEvents('A', 'B', 'C');
    expect(moveStep(form, 0, -1)).toBe(form);
    expect(moveStep(form, 2, 1)).toBe(form);
    expect(moveStep(form, 0, 1).steps.map((s) => s.event)).toEqual(['B', 'A', 'C']);
    expect(removeStep(form, 1).steps.map((s) => s.event)).toEqual(['A', 'C']);
  });

  it('saves the definition without range or breakdown, under a name', () => {
    const form = { ...withEvents('A', 'B'), breakdown: 'plan', order: 'strict' as const };
    expect(toSavedFunnelBody(form, '  Onboarding ')).toEqual({
      ok: true,
      value: {
        name: 'Onboarding',
        steps: [{ event: 'A' }, { event: 'B' }],
        windowSeconds: 604_800,
        order: 'strict',
        aggregateBy: 'user',
      },
    });
    const unnamed = toSavedFunnelBody(form, ' ');
    expect(unnamed.ok ? [] : unnamed.errors).toEqual([{ field: 'name', message: 'Give the funnel a name.' }]);
  });

  it('opens a saved funnel with its filters as typed', () => {
    const saved: SavedFunnel = {
      id: '01a208be-03cc-769b-b389-0079119f2bfe',
      name: 'Onboarding',
      description: '',
      steps: [
        { event: 'Signed Up', where: { plan: 'pro', seats: { op: 'gt', value: 3 }, code: '42' } },
        { event: 'Project Created' },
      ],
      windowSeconds: 86_400,
      order: 'unordered',
      aggregateBy: 'account',
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    };
    const form = fromSavedFunnel(saved);
    expect(form.steps[0]!.filters).toEqual([
      { property: 'plan', op: 'eq', value: 'pro' },
      { property: 'seats', op: 'gt', value: '3' },
      { property: 'code', op: 'eq', value: '"42"' },
    ]);
    const again = toSavedFunnelBody(form, saved.name);
    expect(again.ok && again.value.steps[0]!.where).toEqual({
      plan: { op: 'eq', value: 'pro' },
      seats: { op: 'gt', value: 3 },
      code: { op: 'eq', value: '42' },
    });
    expect(form).toMatchObject({ windowSeconds: 86_400, order: 'unordered', aggregateBy: 'account' });
  });

  it('parses and formats values symmetrically', () => {
    for (const value of ['pro', '42', '-1.5', 'true', ' padded', '"quoted"', 3, false]) {
      expect(parseValue(formatValue(value))).toEqual(value);
    }
  });

  it('leaves the breakdown out of the drop-off query', () => {
    const query = toFunnelQuery({ ...withEvents('A', 'B'), breakdown: 'plan' }, range);
    expect(query.ok && JSON.parse(dropoffQueryParam(query.value))).toEqual({
      steps: [{ event: 'A' }, { event: 'B' }],
      windowSeconds: 604_800,
      order: 'ordered',
      aggregateBy: 'user',
      ...range,
    });
  });
});
