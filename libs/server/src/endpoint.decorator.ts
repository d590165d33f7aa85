import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { type TObject, type TSchema } from '@sinclair/typebox';
import { type Access, accessDescription, ErrorBodySchema } from '@bindery/contracts';

export interface EndpointSpec {
  summary: string;
  description?: string;
  /** Who may call a project endpoint (libs/auth's guard enforces it; the description states it). */
  access?: Access;
  body?: TSchema;
  /** The body's items are validated one by one by the service (so one bad item loses no other): document only. */
  bodyCheckedPerItem?: boolean;
  query?: TObject;
  params?: TObject;
  /** Success status and body schema. */
  response: { status: number; schema: TSchema };
  /** Error statuses this endpoint answers with, documented with the shared error body. */
  errors?: number[];
}

/** Metadata key of an endpoint's {@link Access}. */
export const ACCESS_METADATA = 'bindery:access';

type OpenApiSchema = Record<string, unknown>;
const asOpenApi = (schema: TSchema) => JSON.parse(JSON.stringify(schema)) as OpenApiSchema as never;

/**
 * Declares a route's schemas once: Fastify validates requests with them (compiled ajv) and OpenAPI documents
 * them, so the validation and the docs cannot disagree.
 */
export function Endpoint(spec: EndpointSpec): MethodDecorator {
  const decorators: (MethodDecorator | ClassDecorator)[] = [
    RouteSchema(
      Object.fromEntries(
        Object.entries({
          body: spec.bodyCheckedPerItem ? undefined : spec.body,
          querystring: spec.query,
          params: spec.params,
        }).filter(([, schema]) => schema !== undefined),
      ),
    ),
    ApiOperation({
      summary: spec.summary,
      description: spec.access
        ? [spec.description, accessDescription(spec.access)].filter(Boolean).join(' ')
        : spec.description,
    }),
    ApiResponse({ status: spec.response.status, schema: asOpenApi(spec.response.schema) }),
  ];
  if (spec.access) decorators.push(SetMetadata(ACCESS_METADATA, spec.access));
  if (spec.body) decorators.push(ApiBody({ schema: asOpenApi(spec.body) }));
  for (const [name, schema] of Object.entries(spec.query?.properties ?? {})) {
    decorators.push(
      ApiQuery({ name, schema: asOpenApi(schema), required: spec.query?.required?.includes(name) ?? false }),
    );
  }
  for (const [name, schema] of Object.entries(spec.params?.properties ?? {})) {
    decorators.push(ApiParam({ name, schema: asOpenApi(schema) }));
  }
  for (const status of spec.errors ?? []) {
    decorators.push(ApiResponse({ status, schema: asOpenApi(ErrorBodySchema) }));
  }
  return applyDecorators(...decorators);
}
