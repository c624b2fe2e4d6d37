import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../errors.js';

// Built by gateway/scripts/build-sdk.mjs into dist/sdk; found from dist/ (production) or src/ (tests).
const CANDIDATES = ['../sdk/events.js', '../../dist/sdk/events.js'];

function loadSdk(): { body: string; etag: string } | undefined {
  for (const rel of CANDIDATES) {
    try {
      const body = readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
      return {
        body,
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
      };
    } catch {
      // try the next location
    }
  }
  return undefined;
}

/** `GET /sdk/events.js`: the browser client, cacheable, revalidated by ETag. */
export async function sdkRoute(app: FastifyInstance): Promise<void> {
  const sdk = loadSdk();
  app.get('/sdk/events.js', async (request, reply) => {
    if (!sdk)
      throw new GatewayError('NOT_FOUND', 'The browser client is not built (npm run build).');
    void reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .header('etag', sdk.etag);
    if (request.headers['if-none-match'] === sdk.etag) return reply.status(304).send();
    return sdk.body;
  });
}
