import { Type, type Static } from '@sinclair/typebox';

const ReportJson = (what: string) =>
  Type.String({
    minLength: 2,
    maxLength: 20_000,
    description: `The ${what} as JSON (its body), URL-encoded`,
  });

/** A CSV export of a report that is asked for with a JSON body: the same body, as the `query` parameter. */
export const ReportExportQuerySchema = Type.Object(
  { query: ReportJson('report query') },
  { additionalProperties: false },
);
export type ReportExportQuery = Static<typeof ReportExportQuerySchema>;

export const AccountExportQuerySchema = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({ format: 'date-time', description: 'Reports run up to this time’s UTC day; default now' }),
    ),
  },
  { additionalProperties: false },
);
export type AccountExportQuery = Static<typeof AccountExportQuerySchema>;

export const DropoffExportQuerySchema = Type.Object(
  {
    query: ReportJson('funnel query (the body of /funnels/query)'),
    step: Type.Integer({ minimum: 1, maximum: 20, description: 'The subjects whose furthest step is this' }),
  },
  { additionalProperties: false },
);
export type DropoffExportQuery = Static<typeof DropoffExportQuerySchema>;

export const CsvSchema = Type.String({ description: 'text/csv; charset=utf-8, a header line first' });
