import { HttpException } from '@nestjs/common';
import { DomainError, ERROR_STATUS, type ErrorBody, type ErrorCode } from '@bindery/contracts';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

const STATUS_CODE: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
  validation?: ValidationError[];
  validationContext?: string;
}

interface ValidationError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: unknown;
}

/**
 * The failure a message names: ajv lists a union's alternatives before the union itself, so the first may be
 * the `null` that puts a setting back to its default ("must be equal to constant") when the value meant the
 * other alternative; the first that is neither says what is wrong.
 */
function telling(errors: ValidationError[]): ValidationError | undefined {
  const nullAlternative = (v: ValidationError) =>
    v.keyword === 'const' && (v.params as { allowedValue?: unknown } | undefined)?.allowedValue === null;
  return errors.find((v) => v.keyword !== 'anyOf' && !nullAlternative(v)) ?? errors[0];
}

/** Names the property an `additionalProperties` failure is about: ajv keeps it in the params only. */
function extraProperty(params: unknown): string {
  const extra = (params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
  return typeof extra === 'string' ? `: ${extra}` : '';
}

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps anything thrown while serving a request to Bindery's one error shape. */
export function errorResponse(error: unknown): ErrorResponse {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    return {
      status: ERROR_STATUS[error.code],
      body: body(error.code, error.message, error.details),
      headers,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return {
      status,
      body: body(STATUS_CODE[status] ?? (status < 500 ? 'invalid_input' : 'internal'), error.message),
      headers: {},
    };
  }
  const e = error as FastifyLikeError;
  if (e && e.validation) {
    const first = telling(e.validation);
    const where = `${e.validationContext ?? 'request'}${first?.instancePath ? first.instancePath.replace(/\//g, '.') : ''}`;
    return {
      status: 400,
      body: body(
        'invalid_input',
        `${where} ${first?.message ?? 'is invalid'}${extraProperty(first?.params)}`,
        e.validation,
      ),
      headers: {},
    };
  }
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = STATUS_CODE[e.statusCode] ?? 'invalid_input';
    const message = e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'Request body is too large' : e.message;
    return { status: e.statusCode, body: body(code, message), headers: {} };
  }
  return { status: 500, body: body('internal', 'Internal error'), headers: {} };
}
