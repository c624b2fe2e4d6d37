import type { FastifyInstance } from 'fastify';

/** Placeholder replaced by the generated document (see openapi-document.ts). */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', async () => ({ openapi: '3.1.0' }));
}
