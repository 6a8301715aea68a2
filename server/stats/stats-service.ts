/** Figures of the directory: SQL aggregates over active listings, for the stats page and the home page. */
import type { ListingService } from '../collections/listing-service.js';
import { VOCAB } from '../collections/vocab.js';
import type { Db } from '../db/connection.js';

/** How many listings carry one code (`code` null: the field is empty, e.g. the level of off-site platforms). */
export interface Tally {
  code: string | null;
  count: number;
}

/** Housing units and free units of one code (a county or a housing kind). */
export interface HousingTally {
  code: string;
  units: number;
  available: number;
}

export interface Stats {
  platforms: { total: number; byLevel: Tally[]; byKind: Tally[]; byCounty: Tally[] };
  institutions: { total: number; byType: Tally[] };
  experts: { total: number; byCategory: Tally[]; byField: Tally[] };
  apartments: { total: number; units: number; available: number; byCounty: HousingTally[]; byKind: HousingTally[] };
  /** Active listings of every collection per field and per county: the home page's ways in. */
  all: { byField: Tally[]; byCounty: Tally[] };
}

/** Column names come from this file only, never from a request. */
type Table = 'platforms' | 'institutions' | 'experts' | 'apartments';
const TABLES: Table[] = ['platforms', 'institutions', 'experts', 'apartments'];

/** Codes in vocabulary order, with the codes no listing uses counted as 0. */
function inOrder(codes: readonly string[], rows: Tally[]): Tally[] {
  const counts = new Map(rows.map((r) => [r.code, r.count]));
  const extra = rows.filter((r) => r.code === null || !codes.includes(r.code));
  return [...codes.map((code) => ({ code, count: counts.get(code) ?? 0 })), ...extra];
}

function byCountDesc(rows: Tally[]): Tally[] {
  return [...rows].sort((a, b) => b.count - a.count || String(a.code).localeCompare(String(b.code)));
}

/**
 * Computes the figures on demand and keeps them until a listing changes; every write goes
 * through the listing service, whose change listeners tell this cache to forget.
 */
export class StatsService {
  private cached: Stats | undefined;

  constructor(
    private readonly db: Db,
    listings: ListingService,
  ) {
    listings.onChange(() => {
      this.cached = undefined;
    });
  }

  /** The current figures. */
  stats(): Stats {
    this.cached ??= this.compute();
    return this.cached;
  }

  private compute(): Stats {
    return {
      platforms: {
        total: this.count('platforms'),
        byLevel: inOrder(VOCAB.level, this.tally('platforms', 'level')),
        byKind: byCountDesc(this.tally('platforms', 'kind')),
        byCounty: inOrder(VOCAB.county, this.tally('platforms', 'county')),
      },
      institutions: { total: this.count('institutions'), byType: inOrder(VOCAB.institutionType, this.tally('institutions', 'type')) },
      experts: {
        total: this.count('experts'),
        byCategory: inOrder(VOCAB.expertCategory, this.tally('experts', 'category')),
        byField: byCountDesc(inOrder(VOCAB.field, this.fieldTally(['experts']))),
      },
      apartments: this.housing(),
      all: {
        byField: inOrder(VOCAB.field, this.fieldTally(TABLES)),
        byCounty: inOrder(VOCAB.county, this.sumTallies(TABLES.map((t) => this.tally(t, 'county')))),
      },
    };
  }

  private count(table: Table): number {
    return this.db.prepare(`SELECT count(*) FROM ${table} WHERE status = 'active'`).pluck().get() as number;
  }

  private tally(table: Table, column: string): Tally[] {
    return this.db
      .prepare(`SELECT ${column} AS code, count(*) AS count FROM ${table} WHERE status = 'active' GROUP BY ${column}`)
      .all() as Tally[];
  }

  /** Listings per field code; a listing with several fields counts once in each. */
  private fieldTally(tables: Table[]): Tally[] {
    const parts = tables.map((t) => `SELECT f.value AS code FROM ${t}, json_each(${t}.fields) AS f WHERE ${t}.status = 'active'`);
    return this.db.prepare(`SELECT code, count(*) AS count FROM (${parts.join(' UNION ALL ')}) GROUP BY code`).all() as Tally[];
  }

  private sumTallies(lists: Tally[][]): Tally[] {
    const sums = new Map<string | null, number>();
    for (const row of lists.flat()) sums.set(row.code, (sums.get(row.code) ?? 0) + row.count);
    return [...sums].map(([code, count]) => ({ code, count }));
  }

  private housingBy(column: 'county' | 'kind', codes: readonly string[]): HousingTally[] {
    const rows = this.db
      .prepare(`SELECT ${column} AS code, sum(units) AS units, sum(availableUnits) AS available FROM apartments WHERE status = 'active' GROUP BY ${column}`)
      .all() as HousingTally[];
    const found = new Map(rows.map((r) => [r.code, r]));
    return codes.map((code) => found.get(code) ?? { code, units: 0, available: 0 });
  }

  private housing(): Stats['apartments'] {
    const byKind = this.housingBy('kind', VOCAB.housingKind);
    return {
      total: this.count('apartments'),
      units: byKind.reduce((n, r) => n + r.units, 0),
      available: byKind.reduce((n, r) => n + r.available, 0),
      byCounty: this.housingBy('county', VOCAB.county),
      byKind,
    };
  }
}
