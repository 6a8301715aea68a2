/** Project entry points run as child processes (the server, writers, tools): their output, readiness and end. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../server/core/paths.js';

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** Every line the child wrote to stdout so far. */
  lines: string[];
  /** stderr so far, to explain a failure. */
  stderr(): string;
  /** Resolves with the first stdout line matching `pattern`, or rejects after `timeoutMs` or on exit. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves once `ready(lines)` is true, or rejects after `timeoutMs` or on exit. */
  waitUntil<T>(ready: (lines: string[]) => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  /** Resolves once the process has exited (immediately when it already has). */
  exited(): Promise<number | null>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `node <nodeArgs…> <script> <args…>` from the project root with `env` added to the environment. */
export function runNode(script: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): Child {
  const proc = spawn(process.execPath, [...nodeArgs, join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  const watchers = new Set<() => void>();
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of watchers) w();
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err = (err + chunk).slice(-20_000);
  });
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.once('exit', () => {
    for (const w of watchers) w();
  });

  const child: Child = {
    proc,
    pid: proc.pid!,
    lines,
    stderr: () => err,
    exited: () => exit,
    waitUntil(ready, what, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = ready(lines);
          if (found) return done(() => resolve(found));
          if (proc.exitCode !== null || proc.signalCode !== null) {
            done(() => reject(new Error(`${script} exited (${proc.exitCode ?? proc.signalCode}) before ${what}:\n${err}`)));
          }
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${script}: no ${what} within ${timeoutMs} ms:\n${err}`))), timeoutMs);
        const done = (then: () => void) => {
          clearTimeout(timer);
          watchers.delete(check);
          then();
        };
        watchers.add(check);
        check();
      });
    },
    waitForLine(pattern, timeoutMs) {
      const match = (all: string[]) => all.map((l) => l.match(pattern)).find((m): m is RegExpMatchArray => m !== null);
      return child.waitUntil(match, `a line matching ${pattern}`, timeoutMs);
    },
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exit;
    },
  };
  return child;
}

export interface ServerChild extends Child {
  baseUrl: string;
}

/** Waits for a started server's `listening on` line; kills it when the line never comes. */
export async function whenListening(child: Child, timeoutMs = 60_000): Promise<ServerChild> {
  try {
    const [, baseUrl] = await child.waitForLine(/^listening on (http:\/\/127\.0\.0\.1:\d+)/, timeoutMs);
    return { ...child, baseUrl: baseUrl! };
  } catch (err) {
    await child.stop('SIGKILL');
    throw err;
  }
}

/** GET `path` as JSON; throws on a non-2xx answer with its body. */
export async function getJson<T = unknown>(baseUrl: string, path: string, timeoutMs = 10_000): Promise<T> {
  const res = await fetch(baseUrl + path, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** A process's peak resident memory (VmHWM) in MB, or undefined where /proc is not available. */
export function peakMemoryMb(pid: number): number | undefined {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB$/m);
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}
