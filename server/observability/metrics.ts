/** The product's Prometheus metrics: requests by route family, searches by engine, the index, sign-ins, contact, backups. */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { COLLECTION_NAMES } from '../collections/define.js';
import type { Db } from '../db/connection.js';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const COLLECTION = `(?:${COLLECTION_NAMES.join('|')})`;

/** Route families, first match wins: few enough labels to keep the series bounded whatever paths are asked for. */
const FAMILIES: [RegExp, string][] = [
  [/^\/api\/search$/, 'api-search'],
  [new RegExp(`^/api/${COLLECTION}$`), 'api-collection'],
  [new RegExp(`^/api/${COLLECTION}/[^/]+$`), 'api-listing'],
  [/^\/api(\/|$)/, 'api-other'],
  [/^\/$/, 'home'],
  [/^\/search$/, 'search-page'],
  [/^\/stats$/, 'stats-page'],
  [new RegExp(`^/${COLLECTION}$`), 'collection-page'],
  [new RegExp(`^/${COLLECTION}/[^/]+$`), 'listing-page'],
  [new RegExp(`^/${COLLECTION}/[^/]+/contact$`), 'contact'],
  [/^\/admin\/login$/, 'sign-in'],
  [/^\/admin\/bulk(\/|$)/, 'admin-bulk'],
  [/^\/admin(\/|$)/, 'admin'],
  [/^\/assets\//, 'assets'],
  [/^\/(healthz|readyz|metrics)$/, 'probe'],
];

/** The family a path belongs to, `other` for anything else (unknown pages among them). */
export function routeFamily(path: string): string {
  return FAMILIES.find(([re]) => re.test(path))?.[1] ?? 'other';
}

/** What the gauges read when they are scraped. */
export interface MetricSources {
  db: Db;
  pendingIndexJobs: () => number;
  lastBackupAt: () => Date | null;
}

/** One registry per app, so several apps in one process (tests) never share or clash. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'family' | 'method' | 'status'>;
  private readonly durations: Histogram<'family'>;
  private readonly searches: Histogram<'engine'>;
  private readonly signIns: Counter<'outcome'>;
  private readonly contacts: Counter<'outcome'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({ name: 'cjd_http_requests_total', help: 'HTTP requests answered, by route family, method and status', labelNames: ['family', 'method', 'status'], registers });
    this.durations = new Histogram({ name: 'cjd_http_request_duration_seconds', help: 'Time to answer an HTTP request, by route family', labelNames: ['family'], buckets: SECONDS, registers });
    this.searches = new Histogram({ name: 'cjd_search_duration_seconds', help: 'Time to answer a search, by the engine that answered', labelNames: ['engine'], buckets: SECONDS, registers });
    this.signIns = new Counter({ name: 'cjd_sign_in_refusals_total', help: 'Back-office sign-ins refused: failed (wrong name or password, disabled) or throttled', labelNames: ['outcome'], registers });
    this.contacts = new Counter({ name: 'cjd_contact_requests_total', help: 'Contact form submissions: accepted, invalid or limited', labelNames: ['outcome'], registers });
    const retries = sources.db.prepare<[], number>('SELECT coalesce(sum(attempts), 0) FROM index_jobs').pluck();
    new Gauge({ name: 'cjd_index_jobs_waiting', help: 'Index jobs waiting for the external search engine', registers, collect() { this.set(sources.pendingIndexJobs()); } });
    new Gauge({
      name: 'cjd_index_job_failed_attempts',
      help: 'Failed attempts of the index jobs in the outbox (jobs are kept a day after they succeed)',
      registers,
      collect() { this.set(retries.get() ?? 0); },
    });
    new Gauge({
      name: 'cjd_backup_last_success_timestamp_seconds',
      help: 'When the last scheduled backup succeeded (0: none yet)',
      registers,
      collect() { this.set((sources.lastBackupAt()?.getTime() ?? 0) / 1000); },
    });
  }

  /** Counts and times every request, and reads sign-in and contact outcomes from their statuses. */
  readonly middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      // Inside a router req.path is relative to it; the original URL is the path the client asked for.
      const [path = req.originalUrl] = req.originalUrl.split('?');
      const family = routeFamily(path);
      const status = res.statusCode;
      this.requests.inc({ family, method: req.method, status: String(status) });
      this.durations.observe({ family }, Number(process.hrtime.bigint() - started) / 1e9);
      if (req.method !== 'POST') return;
      if (family === 'sign-in' && (status === 401 || status === 429)) this.signIns.inc({ outcome: status === 429 ? 'throttled' : 'failed' });
      if (family === 'contact') this.contacts.inc({ outcome: status < 400 ? 'accepted' : status === 429 ? 'limited' : 'invalid' });
    });
    next();
  };

  /** Records one search's time and the engine that answered it. */
  observeSearch(engine: string, tookMs: number): void {
    this.searches.observe({ engine }, tookMs / 1000);
  }
}
