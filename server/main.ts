/** The entry point: configuration → database → search → app → listen. */
import { createApp } from './app.js';
import { loadConfigOrExit } from './core/config.js';
import { buildContext } from './context.js';
import { limitHeapGrowth, serve } from './serve.js';

async function main(): Promise<void> {
  limitHeapGrowth();
  const config = loadConfigOrExit();
  const ctx = await buildContext(config);
  serve(createApp(ctx), ctx, config);
}

void main();
