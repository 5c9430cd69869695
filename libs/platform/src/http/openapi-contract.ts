import 'reflect-metadata';
import { RequestMethod, SetMetadata, type INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z, type ZodType } from 'zod';
import { commandOutcomeSchema } from '@gongkai/contracts';
import { isPublicHandler } from '../auth/auth.guard';
import { isPublicSubmission } from './rate-limit';
import { ZodPipe } from './validation';

/**
 * The API contract (issue 16.8): every operation of the OpenAPI document states its request schemas,
 * its success response, its security and its problem+json errors, all from the zod schemas the code
 * validates with. A route says what it answers with ONE decorator, `@Returns(schema)` (or
 * `@ReturnsFile(...)`); `completeContract` reads the rest from what Nest already knows about the
 * route: `@Public()`, `@PublicSubmission()`, the `ZodPipe`s of its parameters, `@HttpCode`. A command
 * (POST, PUT, DELETE) without `@Returns` answers the contracts' `commandOutcomeSchema` (its revision).
 */

const CONTRACT_KEY = 'gongkai:contract';

export interface RouteContract {
  /** The success body (JSON), from a zod schema; absent for a route that only sends files. */
  schema?: ZodType;
  /** File answers: the media types the route may send (binary), besides JSON when `schema` is given. */
  files?: string[];
  /** The success status, when it is not Nest's default (201 for POST, 200 otherwise) nor `@HttpCode`. */
  status?: number;
  /** Inputs the handler parses itself (`parseInput`) rather than through a `ZodPipe`. */
  body?: ZodType;
  query?: ZodType;
  /** Statuses this route may also answer with a problem, beyond those its kind implies. */
  errors?: number[];
  /** A paged list (`@ReturnsPage`): the document states its `X-Total-Count`, `X-Page` and `X-Page-Size` headers. */
  paged?: boolean;
  /**
   * A list that needs no paging, and why (a closed vocabulary, one per unit of the district, the
   * versions of one item…): stated in the document as `x-bounded`. The contract test refuses a GET
   * answering an array that is neither paged nor bounded.
   */
  bounded?: string;
}

/** What a route answers on success (JSON validated against `schema` by the contract test and the fuzzing run). */
export const Returns = (schema: ZodType, options: Omit<RouteContract, 'schema'> = {}) =>
  SetMetadata(CONTRACT_KEY, { ...options, schema } satisfies RouteContract);

/** A route that sends a file (xlsx, docx, text) rather than JSON. */
export const ReturnsFile = (files: string[], options: Omit<RouteContract, 'schema' | 'files'> = {}) =>
  SetMetadata(CONTRACT_KEY, { ...options, files } satisfies RouteContract);

/** RFC 9457 problem+json as `ProblemDetailsFilter` writes it. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  /** Stable English code, e.g. `UNIT_NOT_FOUND`. */
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  /** zh-CN, for people. */
  detail: z.string(),
  instance: z.string(),
  correlationId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * JSON Schema of a zod schema in the dialect of the OpenAPI 3.0 document. A recursive schema's
 * definitions (zod writes them under `definitions`, which OpenAPI 3.0 has no place for) go into
 * `components` as `<name>.<definition>` and the references follow them.
 */
export function openApiSchemaOf(
  schema: ZodType,
  io: 'input' | 'output' = 'output',
  components?: { name: string; schemas: Record<string, unknown> },
): Record<string, unknown> {
  const {
    $schema: _,
    definitions,
    ...json
  } = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io }) as Record<string, unknown>;
  if (!definitions) return json;
  if (!components) throw new Error('a recursive schema needs a place in the components of the document');
  const prefix = `${components.name}.${io}.`;
  const relink = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(relink)
      : node && typeof node === 'object'
        ? Object.fromEntries(
            Object.entries(node).map(([key, value]) => [
              key,
              key === '$ref' && typeof value === 'string'
                ? value.replace('#/definitions/', `#/components/schemas/${prefix}`)
                : relink(value),
            ]),
          )
        : node;
  for (const [name, definition] of Object.entries(definitions as Record<string, unknown>))
    components.schemas[`${prefix}${name}`] = relink(definition);
  return relink(json) as Record<string, unknown>;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid request (field errors in `errors`)',
  401: 'Authentication required, or the token sent is not valid',
  403: 'Forbidden for this role or unit, or the token sent lacks the unit its role needs',
  404: 'Not found',
  409: 'Conflict (concurrent change or duplicate)',
  413: 'Payload too large',
  422: 'Refused by a domain rule',
  429: 'Too many requests (Retry-After)',
  503: 'Service unavailable',
};

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown; description?: string }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<
    string,
    {
      description: string;
      content?: Record<string, { schema: unknown }>;
      headers?: Record<string, { description: string; schema: unknown }>;
    }
  >;
  'x-bounded'?: string;
};

const PAGE_HEADERS = {
  'X-Total-Count': { description: 'How many rows the filters select in all (every page)', schema: { type: 'integer', minimum: 0 } },
  'X-Page': { description: 'The page answered, from 1', schema: { type: 'integer', minimum: 1 } },
  'X-Page-Size': { description: 'Rows per page', schema: { type: 'integer', minimum: 1 } },
};

export interface RouteFacts {
  method: string;
  /** OpenAPI path, `/api/catalogue/units/{unitId}`. */
  path: string;
  isPublic: boolean;
  publicSubmission: boolean;
  httpCode?: number;
  contract?: RouteContract;
  body?: ZodType;
  query?: ZodType;
  queryFields: Record<string, ZodType>;
  params: Record<string, ZodType>;
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.PATCH]: 'patch',
};

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s))
    .join('/')}`;

/** Every HTTP route of the application with what the contract needs to know of it. */
export function routeFacts(app: INestApplication): RouteFacts[] {
  const facts: RouteFacts[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat()[0] as string;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = Object.getOwnPropertyDescriptor(prototype, key)?.value as object | undefined;
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const subPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (!method || subPath === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<
          string,
          { data?: unknown; pipes?: unknown[] }
        >;
        const route: RouteFacts = {
          method,
          path: joinPath(base, [subPath].flat()[0] ?? ''),
          isPublic: isPublicHandler(handler, controller),
          publicSubmission: isPublicSubmission(handler),
          httpCode: Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined,
          contract: Reflect.getMetadata(CONTRACT_KEY, handler) as RouteContract | undefined,
          queryFields: {},
          params: {},
        };
        for (const [argKey, arg] of Object.entries(args)) {
          const type = Number(argKey.split(':')[0]);
          const schema = arg.pipes?.find((p): p is ZodPipe<ZodType> => p instanceof ZodPipe)?.schema;
          if (!schema) continue;
          const name = typeof arg.data === 'string' ? arg.data : undefined;
          if (type === RouteParamtypes.BODY && !name) route.body = schema;
          else if (type === RouteParamtypes.QUERY) {
            if (name) route.queryFields[name] = schema;
            else route.query = schema;
          } else if (type === RouteParamtypes.PARAM && name) route.params[name] = schema;
        }
        route.body ??= route.contract?.body;
        route.query ??= route.contract?.query;
        facts.push(route);
      }
    }
  }
  return facts;
}

/** The problem statuses an operation documents. */
export function errorStatuses(route: RouteFacts): number[] {
  // 401 and 403 on public routes too: a token sent to one is still verified, and refused when expired,
  // malformed or without the unit its role needs (AuthGuard), as the console must learn.
  const statuses = new Set<number>([400, 401, 403, 404, 503]);
  if (route.method !== 'get') [409, 413, 422].forEach((s) => statuses.add(s));
  if (route.publicSubmission) statuses.add(429);
  for (const s of route.contract?.errors ?? []) statuses.add(s);
  return [...statuses].sort();
}

function successStatus(route: RouteFacts): string {
  return String(route.contract?.status ?? route.httpCode ?? (route.method === 'post' ? 201 : 200));
}

function queryParameters(schema: Record<string, unknown>) {
  const json = schema as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

/** Completes the document Nest's Swagger module built from the routes (see the module comment). */
export function completeContract(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Problem: openApiSchemaOf(problemSchema) as never };
  const schemas = document.components.schemas as Record<string, unknown>;
  for (const route of routeFacts(app)) {
    const operation = (document.paths[route.path] as Record<string, Operation> | undefined)?.[route.method];
    if (!operation) continue; // excluded from the document (@ApiExcludeEndpoint)
    const place = { name: operation.operationId ?? `${route.method}${route.path}`, schemas };
    const openApi = (schema: ZodType, io: 'input' | 'output' = 'output') => openApiSchemaOf(schema, io, place);
    operation.security = route.isPublic ? [] : [{ bearer: [] }];
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: openApi(route.body, 'input') } } };
    }
    const parameters = (operation.parameters ?? []).filter((p) => p.in !== 'query' || !(route.query || route.queryFields[p.name]));
    if (route.query) parameters.push(...queryParameters(openApi(route.query, 'input')));
    for (const [name, schema] of Object.entries(route.queryFields)) {
      parameters.push({ name, in: 'query', required: !schema.safeParse(undefined).success, schema: openApi(schema, 'input') });
    }
    for (const parameter of parameters) {
      const schema = parameter.in === 'path' ? route.params[parameter.name] : undefined;
      if (schema) parameter.schema = openApi(schema, 'input');
    }
    // Every `{name}` of the path is a required path parameter (routes defined at run time, e.g. the request steps, lack them).
    for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
      if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
        const schema = route.params[name as string];
        parameters.push({
          name: name as string,
          in: 'path',
          required: true,
          schema: schema ? openApi(schema, 'input') : { type: 'string' },
        });
      }
    }
    operation.parameters = parameters;
    const responses: Operation['responses'] = {};
    const status = successStatus(route);
    const contract = route.contract;
    if (contract?.schema || contract?.files) {
      const binary = { schema: { type: 'string', format: 'binary' } };
      responses[status] = {
        description: contract.schema ? 'OK' : 'A file',
        content: {
          ...(contract.schema ? { 'application/json': { schema: openApi(contract.schema) } } : {}),
          ...Object.fromEntries((contract.files ?? []).map((type) => [type, binary])),
        },
        ...(contract.paged ? { headers: PAGE_HEADERS } : {}),
      };
      if (contract.bounded) operation['x-bounded'] = contract.bounded;
    } else if (route.method !== 'get') {
      responses[status] = { description: 'Recorded', content: { 'application/json': { schema: openApi(commandOutcomeSchema) } } };
    } else {
      // Left as the Swagger module described it (health: Terminus's own); the contract test names such routes.
      Object.assign(responses, operation.responses);
    }
    for (const code of errorStatuses(route)) {
      responses[String(code)] ??= {
        description: ERROR_TEXT[code] ?? 'Problem',
        content: { 'application/problem+json': { schema: PROBLEM_REF } },
      };
    }
    operation.responses = responses;
  }
  return document;
}
