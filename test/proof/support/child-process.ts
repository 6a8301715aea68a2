/** The project's entry points run from source as child processes, for tests that kill them. */
import { runNode, whenListening, type Child, type ServerChild } from '../../../scripts/bench/child.js';

export { getJson, type Child, type ServerChild } from '../../../scripts/bench/child.js';

/** Starts `node --import tsx <script>` from the project root with `env` added to the environment. */
export function runTs(script: string, args: string[], env: Record<string, string>): Child {
  return runNode(script, args, { NODE_ENV: 'test', ...env }, ['--import', 'tsx']);
}

/** Starts the real server (`server/main.ts`) on a free port of 127.0.0.1 and waits until it listens. */
export function startServerProcess(env: Record<string, string>): Promise<ServerChild> {
  return whenListening(runTs('server/main.ts', [], { HOST: '127.0.0.1', PORT: '0', SESSION_SECRET: 's'.repeat(40), ...env }));
}
