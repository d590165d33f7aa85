import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { type Static, type TSchema } from '@sinclair/typebox';

const ajv = addFormats(new Ajv({ allErrors: false, strict: false, coerceTypes: false }));

export type Validation<T> = { ok: true; value: T } | { ok: false; message: string };

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return 'value is invalid';
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'value';
  if (error.keyword === 'required')
    return `${(error.params as { missingProperty: string }).missingProperty} is required`;
  if (error.keyword === 'additionalProperties') {
    return `${where === 'value' ? '' : `${where}: `}unknown property ${(error.params as { additionalProperty: string }).additionalProperty}`;
  }
  return `${where} ${error.message ?? 'is invalid'}`;
}

/** Compiles a schema once into a validator that names the first problem in plain words. */
export function compileValidator<S extends TSchema>(schema: S): (value: unknown) => Validation<Static<S>> {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) =>
    validate(value)
      ? { ok: true, value: value as Static<S> }
      : { ok: false, message: describe(validate.errors?.[0]) };
}
