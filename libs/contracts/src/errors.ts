import { Type, type Static } from '@sinclair/typebox';

/** Machine-readable error codes; the exception filter maps each to one HTTP status. */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // Before unprocessable, so that a bare 422 (an HttpException) still reads as unprocessable.
  report_too_large: 422,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  query_timeout: 504,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Every error body Bindery answers with. */
export const ErrorBodySchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. invalid_input' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;

/** A failure the caller can act on, with a stable code; thrown by services, mapped to HTTP by one filter. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds the client should wait before retrying (429/503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const InvalidInput = (message: string, details?: unknown) =>
  new DomainError('invalid_input', message, details);
export const Unauthorized = (message: string) => new DomainError('unauthorized', message);
export const Forbidden = (message: string) => new DomainError('forbidden', message);
export const NotFound = (message: string) => new DomainError('not_found', message);
export const Conflict = (message: string) => new DomainError('conflict', message);
export const PayloadTooLarge = (message: string, details?: unknown) =>
  new DomainError('payload_too_large', message, details);
/** The whole seconds a `Retry-After` names for a wait of `ms`: rounded up, and at least one. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
export const RateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError('rate_limited', message, undefined, retryAfterSeconds);
export const Unavailable = (message: string, retryAfterSeconds: number) =>
  new DomainError('unavailable', message, undefined, retryAfterSeconds);
