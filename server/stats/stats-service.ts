/** Figures of the directory: SQL aggregates over active listings, for the stats page and the home page. */
import { COMMON_FIELDS, type CollectionDef, type CollectionName, type StatsChart } from '../collections/define.js';
import type { FieldSpec } from '../collections/field-spec.js';
import type { ListingService } from '../collections/listing-service.js';
import { COLLECTIONS } from '../collections/registry.js';
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

/**
 * The figures of one chart a collection declares: listings per code of a field or, for a collection with a
 * capacity, its units and free units per code.
 */
export type ChartFigures = { id: string; field: string } & ({ capacity: false; rows: Tally[] } | { capacity: true; rows: HousingTally[] });

/** The figures of one collection. */
export interface CollectionStats {
  total: number;
  /** Units and free units in all (0 when the collection declares no capacity). */
  units: number;
  available: number;
  /** The charts its declaration names, in order. */
  charts: ChartFigures[];
}

export interface Stats {
  collections: Record<CollectionName, CollectionStats>;
  /** Active listings of every collection per field and per county: the home page's ways in. */
  all: { byField: Tally[]; byCounty: Tally[] };
}

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
    const collections = {} as Record<CollectionName, CollectionStats>;
    const byField: Map<string | null, number>[] = [];
    const byCounty: Map<string | null, number>[] = [];
    for (const def of COLLECTIONS) {
      const groups = this.groups(def);
      const codes = new Map<string, Map<string | null, number>>();
      const codeCounts = (column: string) => {
        let counts = codes.get(column);
        if (!counts) codes.set(column, (counts = this.codeCounts(def.name, column)));
        return counts;
      };
      collections[def.name] = {
        total: total(groups),
        units: groups.reduce((n, x) => n + x.units, 0),
        available: groups.reduce((n, x) => n + x.available, 0),
        charts: (def.stats?.charts ?? []).map((chart) => chartFigures(def, chart, groups, codeCounts)),
      };
      byField.push(codeCounts('fields'));
      byCounty.push(sumBy(groups, 'county'));
    }
    return { collections, all: { byField: inOrder(VOCAB.field, addUp(byField)), byCounty: inOrder(VOCAB.county, addUp(byCounty)) } };
  }

  /** One pass over the table's stats index: active listings per county and the codes its charts count. */
  private groups(def: CollectionDef): Group[] {
    const dims = ['county', ...codeColumns(def)].join(', ');
    const sums = def.capacity
      ? `sum(${def.capacity.total}) AS units, sum(${def.capacity.free}) AS available`
      : '0 AS units, 0 AS available';
    return this.db.prepare<[], Group>(`SELECT ${dims}, count(*) AS count, ${sums} FROM ${def.name} WHERE status = 'active' GROUP BY ${dims}`).all();
  }

  /** Active listings per code of a list column; a listing with several codes counts once in each. */
  private codeCounts(table: string, column: string): Map<string | null, number> {
    const rows = this.db
      .prepare<[], Tally>(`SELECT f.value AS code, count(*) AS count FROM ${table}, json_each(${table}.${column}) AS f WHERE ${table}.status = 'active' GROUP BY f.value`)
      .all();
    return new Map(rows.map((r) => [r.code, r.count]));
  }
}

/** The spec of a field a chart counts by: common or own, a code or a list of codes. */
function chartField(def: CollectionDef, field: string): Extract<FieldSpec, { type: 'code' | 'codes' }> {
  const spec = { ...COMMON_FIELDS, ...def.own }[field];
  if (spec?.type !== 'code' && spec?.type !== 'codes') throw new Error(`${def.name} is counted by ${field}, which holds no codes`);
  return spec;
}

/** The single-code columns besides the county that a collection's charts count by (table columns, never input). */
function codeColumns(def: CollectionDef): string[] {
  const fields = (def.stats?.charts ?? []).map((chart) => chart.field);
  return fields.filter((field) => field !== 'county' && chartField(def, field).type === 'code');
}

/** A declared chart's figures: codes in vocabulary order (or most first), with units and free units for capacity. */
function chartFigures(def: CollectionDef, chart: StatsChart, groups: Group[], codeCounts: (column: string) => Map<string | null, number>): ChartFigures {
  const spec = chartField(def, chart.field);
  const codes = VOCAB[spec.vocab];
  if (def.capacity && spec.type === 'code') return { id: chart.id, field: chart.field, capacity: true, rows: housingBy(groups, chart.field, codes) };
  const rows = inOrder(codes, spec.type === 'codes' ? codeCounts(chart.field) : sumBy(groups, chart.field));
  return { id: chart.id, field: chart.field, capacity: false, rows: chart.order === 'count' ? byCountDesc(rows) : rows };
}
