import type { z } from 'zod';
import { GatewayError } from '../errors.js';

/** Parses a body (or params, or query) with its shared schema; 400 naming the first problem. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issues = r.error.issues
    .slice(0, 10)
    .map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  throw new GatewayError(
    'VALIDATION_FAILED',
    first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : undefined,
    { issues },
  );
}
