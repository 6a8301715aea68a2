/** Listens with an app and closes it cleanly on SIGTERM/SIGINT; used by `main.ts` and the benchmark's server. */
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Config } from './config.js';
import type { AppContext } from './context.js';

/** Prints `listening on http://HOST:PORT`, or one line and exit code 1 when the address cannot be bound. */
export function serve(app: Express, ctx: AppContext, config: Config): void {
  // Express 5 calls back with the error too (a port in use, a bad address).
  const server = app.listen(config.PORT, config.HOST, (err?: Error) => {
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
