// (c) The baseline people build with Meta's Node SDK: a Fastify endpoint that turns each incoming
// request into one EventRequest (the SDK normalizes and hashes user data) and answers once Meta
// has. Runs as its own process; prints {"url"} when listening.
//   GRAPH_URL=http://127.0.0.1:PORT node --import tsx test/bench/servers/sdk.ts
import { createRequire } from 'node:module';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyRequest } from 'fastify';
import { serveUntilSignal } from './serve.js';

type SdkObject = Record<string, unknown>;
interface Sdk {
  FacebookAdsApi: { init(token: string): unknown };
  EventRequest: new (
    token: string,
    pixelId: string,
  ) => {
    setEvents(events: SdkObject[]): { execute(): Promise<unknown> };
  };
  ServerEvent: new () => SdkObject;
  UserData: new () => SdkObject;
  CustomData: new () => SdkObject;
}
const sdk = createRequire(import.meta.url)('facebook-nodejs-business-sdk') as Sdk;

// The SDK has no setting for its Graph host: FacebookAdsApi.GRAPH is a static getter that every
// request (its axios call included) reads, so redefining it points the SDK's own HTTP stack at
// the stand-in. Its HttpServiceInterface hook would replace that stack, and with it the cost
// this baseline is meant to show.
const graphUrl = process.env.GRAPH_URL ?? 'http://127.0.0.1:4999';
Object.defineProperty(sdk.FacebookAdsApi, 'GRAPH', { get: () => graphUrl });
const TOKEN = 'EAAbench-sdk-token';
sdk.FacebookAdsApi.init(TOKEN);

type Incoming = {
  pixel_id: string;
  events: {
    event_name: string;
    event_id: string;
    event_time: number;
    event_source_url: string;
    user_data: Record<string, string>;
    custom_data: { currency: string; value: number };
  }[];
};

/** Calls the SDK's builder setters by name (`setEmail(v)`, …), as its examples chain them. */
function build(target: SdkObject, setters: Record<string, unknown>): SdkObject {
  for (const [name, value] of Object.entries(setters)) {
    (target[name] as (v: unknown) => unknown).call(target, value);
  }
  return target;
}

function toServerEvent(e: Incoming['events'][number], ip: string, ua: string): SdkObject {
  const u = e.user_data;
  return build(new sdk.ServerEvent(), {
    setEventName: e.event_name,
    setEventId: e.event_id,
    setEventTime: e.event_time,
    setEventSourceUrl: e.event_source_url,
    setActionSource: 'website',
    setUserData: build(new sdk.UserData(), {
      setEmail: u.em,
      setPhone: u.ph,
      setFirstName: u.fn,
      setLastName: u.ln,
      setCity: u.ct,
      setState: u.st,
      setZip: u.zp,
      setCountry: u.country,
      setExternalId: u.external_id,
      setFbp: u.fbp,
      setClientIpAddress: ip,
      setClientUserAgent: ua,
    }),
    setCustomData: build(new sdk.CustomData(), {
      setCurrency: e.custom_data.currency,
      setValue: e.custom_data.value,
    }),
  });
}

/** One EventRequest per incoming body, awaited: the synchronous shape of most CAPI servers. */
async function forward(body: Incoming, request: FastifyRequest): Promise<number> {
  const ua = request.headers['user-agent'] ?? '';
  const events = body.events.map((e) => toServerEvent(e, request.ip, ua));
  await new sdk.EventRequest(TOKEN, body.pixel_id).setEvents(events).execute();
  return events.length;
}

const app = Fastify({ logger: false, bodyLimit: 2 * 1024 * 1024 });
await app.register(websocket, { options: { maxPayload: 2 * 1024 * 1024 } });

app.post('/events', async (request, reply) => {
  const accepted = await forward(request.body as Incoming, request);
  return reply.status(202).send({ accepted });
});

app.get('/events/ws', { websocket: true }, (socket, request) => {
  socket.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as Incoming & { seq: number };
    forward(msg, request).then(
      (accepted) => socket.send(JSON.stringify({ type: 'ack', seq: msg.seq, accepted })),
      (err: Error) =>
        socket.send(JSON.stringify({ type: 'error', seq: msg.seq, message: err.message })),
    );
  });
});

await serveUntilSignal(app);
