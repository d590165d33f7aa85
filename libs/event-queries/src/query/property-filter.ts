import {
  InvalidInput,
  type PropertyCondition,
  type PropertyFilter,
  type PropertyValue,
} from '@bindery/contracts';
import { type Params } from './bound-query';

const NUMBER_TYPES = `('Int64', 'UInt64', 'Double')`;

function condition(p: Params, key: string, raw: PropertyValue | PropertyCondition): string {
  const c: PropertyCondition = typeof raw === 'object' ? raw : { op: 'eq', value: raw };
  const k = p.bind(key, 'String');
  const type = `JSONType(properties, ${k})`;
  const need = (kind: string, ok: boolean) => {
    if (!ok) throw InvalidInput(`where.${key}: ${c.op} needs ${kind} value`, { property: key, op: c.op });
  };
  switch (c.op) {
    case 'is_set':
      return `JSONHas(properties, ${k})`;
    case 'is_not_set':
      return `NOT JSONHas(properties, ${k})`;
    case 'contains':
      need('a string', typeof c.value === 'string');
      return `(${type} = 'String' AND position(JSONExtractString(properties, ${k}), ${p.bind(c.value, 'String')}) > 0)`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      need('a number', typeof c.value === 'number');
      const cmp = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op];
      return `(${type} IN ${NUMBER_TYPES} AND JSONExtractFloat(properties, ${k}) ${cmp} ${p.bind(c.value, 'Float64')})`;
    }
    default: {
      need('a', c.value !== undefined);
      const v = c.value as PropertyValue;
      const eq =
        typeof v === 'string'
          ? `(${type} = 'String' AND JSONExtractString(properties, ${k}) = ${p.bind(v, 'String')})`
          : typeof v === 'number'
            ? `(${type} IN ${NUMBER_TYPES} AND JSONExtractFloat(properties, ${k}) = ${p.bind(v, 'Float64')})`
            : `(${type} = 'Bool' AND JSONExtractBool(properties, ${k}) = ${p.bind(v, 'Bool')})`;
      return c.op === 'neq' ? `NOT ${eq}` : eq;
    }
  }
}

/** SQL that holds when every condition of `filter` holds on an event's properties; 1 for no filter. */
export function propertyFilterSql(p: Params, filter: PropertyFilter | undefined): string {
  const parts = Object.entries(filter ?? {}).map(([key, value]) => condition(p, key, value));
  return parts.length ? parts.join(' AND ') : '1';
}

/** A property's value for grouping: its string, the JSON text of a number or boolean, else NULL. */
export function propertyValueSql(p: Params, key: string): string {
  const k = p.bind(key, 'String');
  return `multiIf(JSONType(properties, ${k}) = 'String', JSONExtractString(properties, ${k}),
      JSONType(properties, ${k}) IN ('Int64', 'UInt64', 'Double', 'Bool'), JSONExtractRaw(properties, ${k}), NULL)`;
}
