import { z } from 'zod';
import { ERRORS, type ErrorCode } from '@capgw/shared/protocol/errors';
import { ACCOUNT_ENDPOINTS } from './account-endpoints.js';
import { PUBLIC, type Endpoint } from './endpoint.js';
import { HOST_ENDPOINTS } from './host-endpoints.js';
import { SIGN_IN_ENDPOINTS } from './sign-in-endpoints.js';

export const ENDPOINTS: Endpoint[] = [
  ...SIGN_IN_ENDPOINTS,
  ...ACCOUNT_ENDPOINTS,
  ...HOST_ENDPOINTS,
];

/** The JSON Schema (2020-12, which OpenAPI 3.1 uses) of what a client sends or receives. */
function schemaOf(s: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(s, { io, unrepresentable: 'any' });
  return schema;
}

/** The full path of an endpoint, as a client calls it. */
export const fullPath = (e: Endpoint) => (e.root ? e.path : `/api/v1${e.path}`);

function operation(e: Endpoint) {
  const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (e.query) {
    const q = schemaOf(e.query, 'input') as {
      properties?: Record<string, unknown>;
      required?: string[];
    };
    for (const [name, schema] of Object.entries(q.properties ?? {}))
      params.push({
        name,
        in: 'query',
        required: q.required?.includes(name) ?? false,
        schema: schema as { type: string },
      });
  }
  const codes = new Set<ErrorCode>(e.errors ?? []);
  if (e.body || e.query || params.length > 0) codes.add('VALIDATION_FAILED');
  if (e.who !== PUBLIC)
    ['UNAUTHENTICATED', 'FORBIDDEN', 'CSRF_FAILED'].forEach((c) => codes.add(c as ErrorCode));
  if (e.path.includes('{')) codes.add('NOT_FOUND');
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes)
    byStatus.set(ERRORS[c].status, [...(byStatus.get(ERRORS[c].status) ?? []), c]);
  const responses: Record<string, unknown> = {
    [e.status]: {
      description: e.status === 204 ? 'Done; no body.' : 'Success.',
      ...(e.answer
        ? { content: { 'application/json': { schema: schemaOf(e.answer, 'output') } } }
        : {}),
    },
  };
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: list.map((c) => `${c}: ${ERRORS[c].message}`).join(' '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const body = e.body ? schemaOf(e.body, 'input') : undefined;
  return {
    operationId: `${e.method.toLowerCase()}${fullPath(e).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string = '') => c.toUpperCase())}`,
    summary: e.summary,
    description: `Who may call: ${e.who}.`,
    'x-roles': e.who,
    tags: [e.root ? 'clients' : (e.path.split('/')[1] ?? 'api')],
    ...(params.length ? { parameters: params } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: body },
              ...(e.form ? { 'application/x-www-form-urlencoded': { schema: body } } : {}),
            },
          },
        }
      : {}),
    responses,
    security: e.who === PUBLIC ? [] : [{ bearer: [] }, { session: [] }],
  };
}

/** The OpenAPI 3.1 document of the admin API, built once from the endpoint lists. */
export function openApiDocument(publicUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) (paths[fullPath(e)] ??= {})[e.method.toLowerCase()] = operation(e);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Conversions API Gateway admin API',
      version: '1',
      description:
        'Hosts, accounts, users, pixels and settings of a self-hosted multi-account Conversions API Gateway. ' +
        'Cookie sessions must echo the csrf_token of login or GET /me in x-csrf-token on writes. ' +
        "Anything outside the caller's reach answers 404. See docs/api.md.",
    },
    servers: [{ url: publicUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Desktop app tokens (login with token:true) and API account tokens (/clients/token).',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'capgw_session',
          description: 'The hub session; writes also need x-csrf-token.',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: Object.keys(ERRORS) },
                message: { type: 'string' },
                details: {},
              },
            },
          },
        },
      },
    },
  };
}
