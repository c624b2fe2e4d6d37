// The process rate-process.ts starts: runs load-rate.ts on the parent's command, over one pool of
// keep-alive connections kept from run to run, and sends back each result.
import { browserBody } from './bodies.js';
import { rateLoad, ratePool } from './load-rate.js';
import type { RateCommand, RateProcessOptions } from './rate-process.js';

let o: RateProcessOptions;
let pool: ReturnType<typeof ratePool>;

process.on('message', (command: RateCommand) => {
  if ('init' in command) {
    o = command.init;
    pool = ratePool(o.url, o.connections, o.headers);
    return;
  }
  if ('close' in command) {
    void pool.close().finally(() => process.disconnect());
    return;
  }
  const { durationS, tag } = command.run;
  void rateLoad({
    url: o.url,
    headers: o.headers,
    connections: o.connections,
    rate: o.rate,
    durationS,
    pool,
    body: (n) =>
      browserBody(o.events, `${tag}-${n}`, o.eventTime, o.pixelIds?.[n % o.pixelIds.length]),
  }).then((result) => process.send!(result));
});
