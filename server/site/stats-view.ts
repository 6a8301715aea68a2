/** The charts of the stats page and the figures of the home page, built from the stats service. */
import type { CollectionDef, CollectionName } from '../collections/define.js';
import { facetOfField, type FacetParam } from '../collections/facets.js';
import { COLLECTIONS } from '../collections/registry.js';
import type { Translate } from '../i18n/i18n.js';
import type { ChartFigures, HousingTally, Stats, Tally } from '../stats/stats-service.js';
import { layoutChart, type ChartLayout, type ChartRow, type ChartSeries } from './bar-chart.js';
import type { Presenter } from './present.js';
import { searchHref } from './urls.js';

export interface ChartSection {
  id: string;
  title: string;
  charts: ChartLayout[];
}

export interface Figure {
  value: number;
  label: string;
  href: string;
}

function describer(t: Translate, series: ChartSeries[]) {
  return (row: ChartRow) =>
    series.length === 1
      ? t('site.stats.describeOne', { label: row.label, n: row.values[0]! })
      : t('site.stats.describeMany', { label: row.label, values: row.values.map((v, i) => `${series[i]!.label} ${v}`).join(t('site.listSeparator')) });
}

/** Builds the tallies' rows: each code's label, its figure and the search it stands for. */
class ChartBuilder {
  constructor(
    private readonly t: Translate,
    private readonly p: Presenter,
  ) {}

  /** The chart of a collection's figures, its rows leading to the search filtered by their code. */
  figures(def: CollectionDef, figures: ChartFigures): ChartLayout {
    const param = facetOfField(def, figures.field);
    if (!param) throw new Error(`${def.name} is counted by ${figures.field}, which is no search filter`);
    return figures.capacity ? this.housing(figures.id, def.name, param, figures.rows) : this.tally(figures.id, def.name, param, figures.rows);
  }

  private tally(id: string, collection: string, param: FacetParam, rows: Tally[]): ChartLayout {
    const series = [{ key: 'count', label: this.t('site.stats.count') }];
    return this.chart(id, param, series, rows.map((r) => ({
      label: r.code === null ? this.t(`site.stats.none.${param}`) : this.p.facetValue(param, r.code),
      values: [r.count],
      href: r.code === null ? undefined : searchHref({ collection, [param]: r.code }),
    })));
  }

  private housing(id: string, collection: string, param: FacetParam, rows: HousingTally[]): ChartLayout {
    const series = [
      { key: 'units', label: this.t('site.stats.units') },
      { key: 'available', label: this.t('site.stats.available') },
    ];
    return this.chart(id, param, series, rows.map((r) => ({
      label: this.p.facetValue(param, r.code),
      values: [r.units, r.available],
      href: searchHref({ collection, [param]: r.code, available: true }),
    })));
  }

  private chart(id: string, param: FacetParam, series: ChartSeries[], rows: ChartRow[]): ChartLayout {
    const input = { id, title: this.t(`site.stats.chart.${id}`), rowHeader: this.t(`site.facet.${param}`), series, rows };
    return layoutChart(input, describer(this.t, series));
  }
}

/** The sections of the stats page: one per collection that declares its stats, in their declared places. */
export function statsSections(stats: Stats, t: Translate, p: Presenter): ChartSection[] {
  const charts = new ChartBuilder(t, p);
  return COLLECTIONS.flatMap((def) => (def.stats ? [{ def, position: def.stats.position }] : []))
    .sort((a, b) => a.position - b.position)
    .map(({ def }) => ({
      id: def.name,
      title: t(`site.stats.section.${def.name}`),
      charts: stats.collections[def.name].charts.map((figures) => charts.figures(def, figures)),
    }));
}

/** A figure of a collection's chart by `field` for one code: its listings, or its units with a capacity. */
function figureOf(stats: Stats, collection: CollectionName, field: string, code: string): number {
  const chart = stats.collections[collection].charts.find((c) => c.field === field);
  if (!chart) return 0;
  return chart.capacity ? (chart.rows.find((r) => r.code === code)?.units ?? 0) : (chart.rows.find((r) => r.code === code)?.count ?? 0);
}

/**
 * The report's headline figures, counted from the listings that are public now: the report's own choice of
 * codes (national and regional platforms, academicians, apartments and turnover rooms), not a collection fact.
 */
export function headlineFigures(stats: Stats, t: Translate): Figure[] {
  const national = figureOf(stats, 'platforms', 'level', 'national');
  const figure = (key: string, value: number, href: string) => ({ value, label: t(`site.home.figure.${key}`), href });
  return [
    figure('platforms', national + figureOf(stats, 'platforms', 'level', 'regional'), searchHref({ collection: 'platforms', level: ['national', 'regional'] })),
    figure('national', national, searchHref({ collection: 'platforms', level: 'national' })),
    figure('offsite', figureOf(stats, 'platforms', 'kind', 'offsite-rnd'), searchHref({ collection: 'platforms', kind: 'offsite-rnd' })),
    figure('experts', stats.collections.experts.total, searchHref({ collection: 'experts' })),
    figure('academicians', figureOf(stats, 'experts', 'category', 'academician'), searchHref({ collection: 'experts', category: 'academician' })),
    figure('apartmentUnits', figureOf(stats, 'apartments', 'kind', 'talent-apartment'), searchHref({ collection: 'apartments', kind: 'talent-apartment' })),
    figure('turnoverRooms', figureOf(stats, 'apartments', 'kind', 'turnover-room'), searchHref({ collection: 'apartments', kind: 'turnover-room' })),
    figure('freeUnits', stats.collections.apartments.available, searchHref({ collection: 'apartments', available: true })),
  ];
}

export interface EntryPoint {
  label: string;
  count: number;
  href: string;
}

/** The home page's ways in: each collection, field and county with how many listings it holds. */
export function entryPoints(stats: Stats, p: Presenter): { collections: EntryPoint[]; fields: EntryPoint[]; counties: EntryPoint[] } {
  const entry = (param: 'field' | 'county') => (r: Tally) => ({ label: p.facetValue(param, r.code!), count: r.count, href: searchHref({ [param]: r.code! }) });
  const collections = COLLECTIONS.map(({ name }) => ({
    label: p.facetValue('collection', name),
    count: stats.collections[name].total,
    href: searchHref({ collection: name }),
  }));
  return {
    collections,
    fields: stats.all.byField.filter((r) => r.code !== null).map(entry('field')),
    counties: stats.all.byCounty.filter((r) => r.code !== null).map(entry('county')),
  };
}
