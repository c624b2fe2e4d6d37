import type { FastifyInstance } from 'fastify';
import { openApiDocument } from './openapi/document.js';

/** GET /api/v1/openapi.json, served without sign-in: the API's shape is no secret. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/openapi.json', async (_request, reply) => {
    document ??= openApiDocument(app.gw.config.publicUrl);
    return reply.header('cache-control', 'public, max-age=300').send(document);
  });
}
