/**
 * The server as `server/main.ts` starts it, plus two routes only the benchmark mounts: a bare Express JSON
 * route, the ceiling every other route is compared with, and a full reindex timed inside the server.
 */
import express from 'express';
import { createApp } from '../../server/app.js';
import { loadConfigOrExit } from '../../server/core/config.js';
import { buildContext } from '../../server/context.js';
import { limitHeapGrowth, serve } from '../../server/serve.js';

const BARE_BODY = { status: 'ok', name: 'bench', values: [1, 2, 3] };

async function main(): Promise<void> {
  limitHeapGrowth();
  const config = loadConfigOrExit();
  const ctx = await buildContext(config);
  const outer = express();
  outer.disable('x-powered-by');
  outer.get('/__bench/bare', (_req, res) => {
    res.json(BARE_BODY);
  });
  outer.post('/__bench/reindex', async (_req, res) => {
    const started = performance.now();
    await ctx.search.reindex();
    res.json({ ms: Math.round(performance.now() - started) });
  });
  outer.use(createApp(ctx));
  serve(outer, ctx, config);
}

await main();
