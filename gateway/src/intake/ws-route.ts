import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { WsEventsMessage, type WsServerMessage } from '@capgw/shared/schemas/intake';
import { GatewayError } from '../errors.js';
import { originOf, senderContext } from './context.js';

/**
 * `/events/ws`: the browser client's persistent channel. Each `events` message is acknowledged
 * with its seq once stored (acks may overtake each other), or answered with an error.
 */
export async function intakeWsRoute(app: FastifyInstance): Promise<void> {
  const { ingest } = app.gw;
  app.get('/events/ws', { websocket: true }, (socket: WebSocket, request) => {
    const ctx = senderContext(request, 'websocket');
    const origin = originOf(request);
    const send = (m: WsServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
    };
    socket.on('message', (data, isBinary) => {
      let seq: number | null = null;
      void (async () => {
        try {
          if (isBinary) throw new GatewayError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON text frames.');
          let raw: unknown;
          try {
            raw = JSON.parse(data.toString());
          } catch {
            throw new GatewayError('INVALID_JSON');
          }
          const s = (raw as { seq?: unknown } | null)?.seq;
          if (typeof s === 'number' && Number.isInteger(s)) seq = s;
          const msg = WsEventsMessage.safeParse(raw);
          if (!msg.success) {
            const issue = msg.error.issues[0];
            throw new GatewayError(
              'VALIDATION_FAILED',
              issue ? `${issue.path.join('.')}: ${issue.message}` : undefined,
            );
          }
          const result = await ingest.ingest({
            pixelId: msg.data.pixel_id,
            events: msg.data.events,
            ctx,
            host: request.hostname,
            origin,
          });
          send({ type: 'ack', seq: msg.data.seq, ...result });
        } catch (e) {
          const err = e instanceof GatewayError ? e : new GatewayError('INTERNAL');
          if (!(e instanceof GatewayError))
            request.log.error({ err: (e as Error).message }, 'websocket message failed');
          send({ type: 'error', seq, code: err.code, message: err.message });
        }
      })();
    });
    socket.on('error', () => undefined);
  });
}
