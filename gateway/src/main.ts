import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config/env.js';

// The process proper, loaded by server.ts: configuration, the app, listen, and a graceful drain
// on SIGTERM. Everything else lives in app.ts so tests build the same app without a port.

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

const logger = {
  level: config.LOG_LEVEL,
  // Credentials never reach the log, even if a future log line includes headers.
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', '*.access_token', '*.password'],
    censor: '[redacted]',
  },
  ...(process.stdout.isTTY ? {} : { base: { service: 'capi-gateway' } }),
};

const app = await buildApp(config, { logger });
await app.listen({ port: config.PORT, host: config.HOST });

const host = await app.gw.store.host.get();
if (host.claimedAt === null) {
  // Printed once, only while unclaimed: whoever can read this log owns the instance.
  app.log.warn(
    { setup_url: `${config.publicUrl}/hub/#/setup`, setup_token: app.gw.setupToken },
    'This gateway is unclaimed: open the setup URL and enter the setup token.',
  );
}

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'draining');
  // Contract: exit 0 within 10 s; what cannot be sent stays in the outbox for the next start.
  const hard = setTimeout(() => process.exit(0), 9500);
  hard.unref();
  app.close().then(
    () => process.exit(0),
    () => process.exit(0),
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
