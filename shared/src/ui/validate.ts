import type { z } from 'zod';

/**
 * Checks a form against the same zod schema the gateway validates with, so the person sees the
 * gateway's rule before sending. Returns messages keyed by top-level field; empty when valid.
 */
export function validate(schema: z.ZodType, value: unknown): Record<string, string> {
  const r = schema.safeParse(value);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (!out[key]) out[key] = humanize(issue.message);
  }
  return out;
}

function humanize(message: string): string {
  const m = message
    .replace(/^Invalid input: /, '')
    .replace(/^Too small: expected string to have >=(\d+) characters?$/, 'At least $1 characters');
  return m.charAt(0).toUpperCase() + m.slice(1);
}
