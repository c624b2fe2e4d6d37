// (b) The ceiling: Fastify with the same body limit and JSON parsing as the gateway, answering
// 202 without doing anything. Runs as its own process; prints {"url"} when listening.
//   node --import tsx test/bench/servers/bare.ts
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { serveUntilSignal } from './serve.js';

const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
await app.register(websocket, { options: { maxPayload: 2 * 1024 * 1024 } });

app.post('/events', async (request, reply) => {
  const body = request.body as { events?: unknown[] };
  return reply.status(202).send({ accepted: body.events?.length ?? 0 });
});

app.get('/events/ws', { websocket: true }, (socket) => {
  socket.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { seq: number; events: unknown[] };
    socket.send(JSON.stringify({ type: 'ack', seq: msg.seq, accepted: msg.events.length }));
  });
});

await serveUntilSignal(app);
