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

type Table = 'platforms' | 'institutions' | 'experts' | 'apartments';
const TABLES: Table[] = ['platforms', 'institutions', 'experts', 'apartments'];

/** The code columns each table is counted by besides its county; names come from here, never from a request. */
const DIMENSIONS: Record<Table, string[]> = {
  platforms: ['level', 'kind'],
  institutions: ['type'],
  experts: ['category'],
  apartments: ['kind'],
};

/** One group of active listings sharing a county and the table's codes. */
type Group = Record<string, string | null> & { count: number; units: number; available: number };

/** Adds up `value` of the groups per code of `key`. */
function sumBy(groups: Group[], key: string, value: 'count' | 'units' | 'available' = 'count'): Map<string | null, number> {
  const out = new Map<string | null, number>();
  for (const g of groups) out.set(g[key] as string | null, (out.get(g[key] as string | null) ?? 0) + g[value]);
  return out;
}

function total(groups: Group[]): number {
  return groups.reduce((n, g) => n + g.count, 0);
}

/** Codes in vocabulary order, with the codes no listing uses counted as 0 and any other code (or none) after. */
function inOrder(codes: readonly string[], counts: Map<string | null, number>): Tally[] {
  const extra = [...counts].filter(([code]) => code === null || !codes.includes(code)).map(([code, count]) => ({ code, count }));
  return [...codes.map((code) => ({ code, count: counts.get(code) ?? 0 })), ...extra];
}

function byCountDesc(rows: Tally[]): Tally[] {
  return [...rows].sort((a, b) => b.count - a.count || String(a.code).localeCompare(String(b.code)));
}

function housingBy(groups: Group[], key: string, codes: readonly string[]): HousingTally[] {
  const units = sumBy(groups, key, 'units');
  const available = sumBy(groups, key, 'available');
  return codes.map((code) => ({ code, units: units.get(code) ?? 0, available: available.get(code) ?? 0 }));
}

function addUp(maps: Map<string | null, number>[]): Map<string | null, number> {
  const out = new Map<string | null, number>();
  for (const map of maps) for (const [code, n] of map) out.set(code, (out.get(code) ?? 0) + n);
  return out;
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
    const g = Object.fromEntries(TABLES.map((t) => [t, this.groups(t)])) as Record<Table, Group[]>;
    const fields = Object.fromEntries(TABLES.map((t) => [t, this.fieldCounts(t)])) as Record<Table, Map<string | null, number>>;
    return {
      platforms: {
        total: total(g.platforms),
        byLevel: inOrder(VOCAB.level, sumBy(g.platforms, 'level')),
        byKind: byCountDesc(inOrder(VOCAB.platformKind, sumBy(g.platforms, 'kind'))),
        byCounty: inOrder(VOCAB.county, sumBy(g.platforms, 'county')),
      },
      institutions: { total: total(g.institutions), byType: inOrder(VOCAB.institutionType, sumBy(g.institutions, 'type')) },
      experts: {
        total: total(g.experts),
        byCategory: inOrder(VOCAB.expertCategory, sumBy(g.experts, 'category')),
        byField: byCountDesc(inOrder(VOCAB.field, fields.experts)),
      },
      apartments: {
        total: total(g.apartments),
        units: g.apartments.reduce((n, x) => n + x.units, 0),
        available: g.apartments.reduce((n, x) => n + x.available, 0),
        byCounty: housingBy(g.apartments, 'county', VOCAB.county),
        byKind: housingBy(g.apartments, 'kind', VOCAB.housingKind),
      },
      all: {
        byField: inOrder(VOCAB.field, addUp(TABLES.map((t) => fields[t]))),
        byCounty: inOrder(VOCAB.county, addUp(TABLES.map((t) => sumBy(g[t], 'county')))),
      },
    };
  }

  /** One pass over the table's stats index: active listings per county and code. */
  private groups(table: Table): Group[] {
    const dims = ['county', ...DIMENSIONS[table]].join(', ');
    const sums = table === 'apartments' ? 'sum(units) AS units, sum(availableUnits) AS available' : '0 AS units, 0 AS available';
    return this.db.prepare(`SELECT ${dims}, count(*) AS count, ${sums} FROM ${table} WHERE status = 'active' GROUP BY ${dims}`).all() as Group[];
  }

  /** Active listings per field code; a listing with several fields counts once in each. */
  private fieldCounts(table: Table): Map<string | null, number> {
    const rows = this.db
      .prepare(`SELECT f.value AS code, count(*) AS count FROM ${table}, json_each(${table}.fields) AS f WHERE ${table}.status = 'active' GROUP BY f.value`)
      .all() as Tally[];
    return new Map(rows.map((r) => [r.code, r.count]));
  }
}
