import type { FastifyInstance } from 'fastify';

/** Listens on a free loopback port, prints `{"url"}` on stdout, closes on SIGTERM/SIGINT. */
export async function serveUntilSignal(app: FastifyInstance): Promise<void> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
