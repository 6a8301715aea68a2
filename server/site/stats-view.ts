/** The charts of the stats page and the figures of the home page, built from the stats service. */
import type { FacetParam } from '../collections/facets.js';
import type { Translate } from '../i18n/i18n.js';
import type { HousingTally, Stats, Tally } from '../stats/stats-service.js';
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

  tally(id: string, collection: string, param: FacetParam, rows: Tally[]): ChartLayout {
    const series = [{ key: 'count', label: this.t('site.stats.count') }];
    return this.chart(id, param, series, rows.map((r) => ({
      label: r.code === null ? this.t(`site.stats.none.${param}`) : this.p.facetValue(param, r.code),
      values: [r.count],
      href: r.code === null ? undefined : searchHref({ collection, [param]: r.code }),
    })));
  }

  housing(id: string, param: 'county' | 'kind', rows: HousingTally[]): ChartLayout {
    const series = [
      { key: 'units', label: this.t('site.stats.units') },
      { key: 'available', label: this.t('site.stats.available') },
    ];
    return this.chart(id, param, series, rows.map((r) => ({
      label: this.p.facetValue(param, r.code),
      values: [r.units, r.available],
      href: searchHref({ collection: 'apartments', [param]: r.code, available: true }),
    })));
  }

  private chart(id: string, param: FacetParam, series: ChartSeries[], rows: ChartRow[]): ChartLayout {
    const input = { id, title: this.t(`site.stats.chart.${id}`), rowHeader: this.t(`site.facet.${param}`), series, rows };
    return layoutChart(input, describer(this.t, series));
  }
}

/** The sections of the stats page, each with its charts. */
export function statsSections(stats: Stats, t: Translate, p: Presenter): ChartSection[] {
  const b = new ChartBuilder(t, p);
  const section = (id: string, charts: ChartLayout[]) => ({ id, title: t(`site.stats.section.${id}`), charts });
  return [
    section('platforms', [
      b.tally('platformsByLevel', 'platforms', 'level', stats.platforms.byLevel),
      b.tally('platformsByKind', 'platforms', 'kind', stats.platforms.byKind),
      b.tally('platformsByCounty', 'platforms', 'county', stats.platforms.byCounty),
    ]),
    section('experts', [
      b.tally('expertsByCategory', 'experts', 'category', stats.experts.byCategory),
      b.tally('expertsByField', 'experts', 'field', stats.experts.byField),
    ]),
    section('apartments', [b.housing('housingByCounty', 'county', stats.apartments.byCounty), b.housing('housingByKind', 'kind', stats.apartments.byKind)]),
    section('institutions', [b.tally('institutionsByType', 'institutions', 'type', stats.institutions.byType)]),
  ];
}

function countOf(rows: Tally[], code: string | null): number {
  return rows.find((r) => r.code === code)?.count ?? 0;
}

function unitsOf(rows: HousingTally[], code: string): number {
  return rows.find((r) => r.code === code)?.units ?? 0;
}

/** The report's headline figures, counted from the listings that are public now. */
export function headlineFigures(stats: Stats, t: Translate): Figure[] {
  const { platforms, experts, apartments } = stats;
  const national = countOf(platforms.byLevel, 'national');
  const figure = (key: string, value: number, href: string) => ({ value, label: t(`site.home.figure.${key}`), href });
  return [
    figure('platforms', national + countOf(platforms.byLevel, 'regional'), searchHref({ collection: 'platforms', level: ['national', 'regional'] })),
    figure('national', national, searchHref({ collection: 'platforms', level: 'national' })),
    figure('offsite', countOf(platforms.byKind, 'offsite-rnd'), searchHref({ collection: 'platforms', kind: 'offsite-rnd' })),
    figure('experts', experts.total, searchHref({ collection: 'experts' })),
    figure('academicians', countOf(experts.byCategory, 'academician'), searchHref({ collection: 'experts', category: 'academician' })),
    figure('apartmentUnits', unitsOf(apartments.byKind, 'talent-apartment'), searchHref({ collection: 'apartments', kind: 'talent-apartment' })),
    figure('turnoverRooms', unitsOf(apartments.byKind, 'turnover-room'), searchHref({ collection: 'apartments', kind: 'turnover-room' })),
    figure('freeUnits', apartments.available, searchHref({ collection: 'apartments', available: true })),
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
  const collections = (['platforms', 'institutions', 'experts', 'apartments'] as const).map((c) => ({
    label: p.facetValue('collection', c),
    count: stats[c].total,
    href: searchHref({ collection: c }),
  }));
  return {
    collections,
    fields: stats.all.byField.filter((r) => r.code !== null).map(entry('field')),
    counties: stats.all.byCounty.filter((r) => r.code !== null).map(entry('county')),
  };
}
