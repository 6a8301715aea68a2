/** Drives one endpoint with autocannon and keeps every response time, so rounds add up to exact percentiles. */
import autocannon from 'autocannon';

/** What an endpoint's runs add up to. */
export class EndpointStats {
  requests = 0;
  errors = 0;
  seconds = 0;
  private readonly times: number[] = [];

  /** Adds one response: its status and time in milliseconds. */
  record(status: number, ms: number): void {
    this.requests++;
    this.times.push(ms);
    if (status < 200 || status >= 300) this.errors++;
  }

  /** Adds a request that got no answer at all (refused, reset, timed out). */
  fail(): void {
    this.requests++;
    this.errors++;
  }

  get rps(): number {
    return this.seconds > 0 ? this.requests / this.seconds : 0;
  }

  /** The response time under which `p` percent of responses came, in ms. */
  percentile(p: number): number {
    const sorted = Float64Array.from(this.times).sort();
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  }

  summary(): { rps: number; p50: number; p99: number; requests: number; errors: number; seconds: number } {
    const round = (n: number) => Math.round(n * 100) / 100;
    return { rps: round(this.rps), p50: round(this.percentile(50)), p99: round(this.percentile(99)), requests: this.requests, errors: this.errors, seconds: round(this.seconds) };
  }
}

export interface RunOptions {
  baseUrl: string;
  /** Paths (with their query strings) each connection requests in turn. */
  paths: string[];
  seconds: number;
  connections: number;
}

/** Runs autocannon for `seconds` and adds what it saw to `stats` (pass none for a warm-up). */
export function drive(opts: RunOptions, stats?: EndpointStats): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: opts.baseUrl,
        connections: opts.connections,
        duration: opts.seconds,
        timeout: 10,
        requests: opts.paths.map((path) => ({ method: 'GET' as const, path })),
      },
      (err, result) => {
        if (err) return reject(err);
        if (stats) {
          stats.seconds += (performance.now() - started) / 1000;
          // Requests that never got an answer (refused, reset, timed out) are errors too.
          stats.errors += result.errors;
        }
        resolve();
      },
    );
    if (stats) instance.on('response', (_client, status, _bytes, ms) => stats.record(status, ms));
  });
}
