import { DomainError } from '@bindery/contracts';
import { Params } from './bound-query';
import { propertyFilterSql } from './property-filter';

describe('propertyFilterSql', () => {
  it('compares each type with properties of the same type, values bound', () => {
    const p = new Params();
    const sql = propertyFilterSql(p, {
      plan: 'pro',
      seats: { op: 'gte', value: 3 },
      trial: false,
      name: { op: 'contains', value: 'acme' },
      beta: { op: 'is_not_set' },
    });

    expect(sql).toMatchSnapshot();
    expect(Object.values(p.values)).toEqual([
      'plan',
      'pro',
      'seats',
      3,
      'trial',
      false,
      'name',
      'acme',
      'beta',
    ]);
  });

  it('is 1 without conditions', () => {
    expect(propertyFilterSql(new Params(), undefined)).toBe('1');
  });

  it.each([
    [{ n: { op: 'gt' as const, value: 'ten' } }, 'where.n: gt needs a number value'],
    [{ n: { op: 'contains' as const, value: 3 } }, 'where.n: contains needs a string value'],
    [{ n: { op: 'eq' as const } }, 'where.n: eq needs a value'],
  ])('refuses a value the operator cannot use: %j', (filter, message) => {
    expect(() => propertyFilterSql(new Params(), filter)).toThrow(new DomainError('invalid_input', message));
  });
});
