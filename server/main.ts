/** The entry point: configuration → database → search → app → listen. The only file that listens. */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { loadConfigOrExit } from './config.js';
import { buildContext } from './context.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const ctx = await buildContext(config);
  // Express 5 calls back with the error too (a port in use, a bad address).
  const server = createApp(ctx).listen(config.PORT, config.HOST, (err?: Error) => {
    if (err) {
      console.error(`cannot listen on ${config.HOST}:${config.PORT}: ${err.message}`);
      process.exit(1);
    }
    const { port } = server.address() as AddressInfo;
    console.log(`listening on http://${config.HOST}:${port}`);
  });
  const stop = () => {
    server.close();
    void ctx.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
