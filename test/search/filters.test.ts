import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../search/analysis/analysis.js';
import { analyseQuery } from '../../search/analysis/query-analysis.js';
import { SynonymTable } from '../../search/analysis/synonyms.js';
import type { EngineQuery } from '../../search/core/engine.js';
import { buildSearchRequests, meiliQueryText, meiliReadsWhole, meiliWordCount, readSearchResults } from '../../search/meilisearch/meili-query.js';
import { indexSettings } from '../../search/meilisearch/meili-settings.js';
import { FACETS, FACET_CODES, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import { COLLECTIONS } from '../../server/collections/registry.js';
import { anyOf, buildMeiliFilter, escapeFilterValue, filterAttribute } from '../../search/core/filters.js';

/** No counts for any facet, whatever facets the declarations hold. */
const NO_COUNTS = Object.fromEntries(FACET_PARAMS.map((p): [FacetParam, Record<string, number>] => [p, {}]));

const query = (over: Partial<EngineQuery> = {}): EngineQuery => ({
  terms: [], filters: {}, available: false, sort: 'relevance', lang: 'zh', offset: 0, limit: 20, ...over,
});

describe('Meilisearch filter values', () => {
  it('when a value holds quotes, then they are escaped', () => {
    expect(escapeFilterValue('a"b')).toBe('"a\\"b"');
  });

  it('when a value holds a backslash, then it is refused: Meilisearch reads back only an escaped quote', () => {
    expect(() => escapeFilterValue('a\\b')).toThrow(/may not hold a backslash/);
    expect(() => escapeFilterValue('a\\"b')).toThrow(/may not hold a backslash/);
    expect(() => anyOf('county', ['changji', '\\'])).toThrow(/may not hold a backslash/);
  });

  it('when a value is Chinese or holds filter syntax, then it stays inside one string', () => {
    expect(escapeFilterValue('煤炭')).toBe('"煤炭"');
    expect(escapeFilterValue('x" OR county = "y')).toBe('"x\\" OR county = \\"y"');
  });
});

describe('Meilisearch filter expressions', () => {
  it('when a parameter has several codes, then they are ORed in brackets', () => {
    expect(anyOf('county', ['changji', 'fukang'])).toBe('(county = "changji" OR county = "fukang")');
    expect(anyOf('county', ['changji'])).toBe('county = "changji"');
  });

  it('when several parameters filter, then they are ANDed in parameter order, fields as the fields attribute', () => {
    expect(buildMeiliFilter({ field: ['cotton', 'seed-industry'], county: ['changji'] }, true)).toBe(
      'county = "changji" AND (fields = "cotton" OR fields = "seed-industry") AND available = true',
    );
  });

  it('when one parameter is left out for its facet counts, then only the others filter', () => {
    expect(buildMeiliFilter({ county: ['changji'], level: ['national'] }, false, 'county')).toBe('level = "national"');
    expect(buildMeiliFilter({}, false)).toBeUndefined();
  });

  it('when an attribute is not filterable, then building the filter refuses it', () => {
    expect(() => filterAttribute('name')).toThrow(/not a filterable attribute/);
    expect(() => anyOf('county = "x" OR id', ['a'])).toThrow(/not a filterable attribute/);
  });

  it('when codes are listed per parameter, then kind takes platform and housing kinds from the declarations', () => {
    expect(FACET_CODES.kind).toEqual(expect.arrayContaining(['key-lab', 'offsite-rnd', 'talent-apartment', 'turnover-room']));
    expect(FACET_CODES.collection).toEqual(COLLECTIONS.map((def) => def.name));
    expect(FACET_CODES.collection.slice(0, 4)).toEqual(['platforms', 'institutions', 'experts', 'apartments']);
    expect(FACET_CODES.category).toEqual(['academician', 'expert', 'advisor']);
  });
});

describe('Meilisearch requests', () => {
  it('when filters are active, then one multi-search asks the page and each filtered facet without its own filter', () => {
    const [main, county, field] = buildSearchRequests('listings', query({ filters: { county: ['changji'], field: ['cotton'] }, offset: 20, limit: 10 }));
    expect(main).toMatchObject({ indexUid: 'listings', page: 3, hitsPerPage: 10, matchingStrategy: 'frequency' });
    // Every facet's attribute but those of the two filtered facets, which are counted apart.
    expect(main!.facets).toEqual(FACETS.filter((facet) => facet.param !== 'county' && facet.param !== 'field').map((facet) => facet.field));
    expect(main!.facets).toEqual(expect.arrayContaining(['collection', 'kind', 'level', 'type', 'category']));
    expect(county).toMatchObject({ filter: 'fields = "cotton"', facets: ['county'], limit: 0 });
    expect(field).toMatchObject({ filter: 'county = "changji"', facets: ['fields'], limit: 0 });
  });

  it('when sorting, then name and update orders are explicit and relevance with a query is left to the ranking rules', () => {
    expect(buildSearchRequests('i', query({ sort: 'name', lang: 'en' }))[0]!.sort).toEqual(['sortNameEn:asc', 'collectionOrder:asc', 'listingId:asc']);
    expect(buildSearchRequests('i', query({ sort: 'updated' }))[0]!.sort?.[0]).toBe('updatedAt:desc');
    expect(buildSearchRequests('i', query({ terms: analyseQuery('煤炭', new SynonymTable([])).terms }))[0]!.sort).toBeUndefined();
    expect(buildSearchRequests('i', query())[0]!.sort?.[0]).toBe('boost:asc');
  });

  it('when the query holds quotes or operators, then only its terms reach Meilisearch; long Chinese runs become bigram phrases', () => {
    expect(meiliQueryText(queryTerms('"煤炭" OR (TBEA)'))).toBe('"煤炭" or tbea');
    // The shared analysis cuts an unspaced run into words, each a phrase Meilisearch cannot cut into characters.
    expect(meiliQueryText(analyseQuery('准东低碳', new SynonymTable([])).terms)).toBe('"准东" "低碳"');
    expect(meiliQueryText(analyseQuery('吉木萨尔煤化工', new SynonymTable([])).terms)).toBe('"吉木 木萨 萨尔" "煤化 化工"');
    expect(meiliQueryText(queryTerms('低碳利用'))).toBe('"低碳 碳利 利用"');
    expect(meiliQueryText(queryTerms('煤'))).toBe('煤');
  });

  it('when results come back, then facets are read per parameter and unknown values are ignored', () => {
    const q = query({ filters: { county: ['changji'] } });
    const result = readSearchResults(q, [
      { indexUid: 'i', hits: [{ collection: 'experts', listingId: 7 }], totalHits: 41, facetDistribution: { collection: { experts: 41 }, fields: { cotton: 3, bogus: 9 } }, processingTimeMs: 1, query: '' },
      { indexUid: 'i', hits: [], facetDistribution: { county: { changji: 41, fukang: 2 } }, processingTimeMs: 1, query: '' },
    ] as never);
    expect(result).toEqual({
      keys: [{ collection: 'experts', listingId: 7 }],
      total: 41,
      facets: { ...NO_COUNTS, collection: { experts: 41 }, county: { changji: 41, fukang: 2 }, field: { cotton: 3 } },
    });
  });

  it('when the index is configured, then searchable attributes rank name before keywords and labels before summary, pinyin last', () => {
    const settings = indexSettings();
    const order = settings.searchableAttributes!;
    expect(order.indexOf('name')).toBeLessThan(order.indexOf('keywords'));
    expect(order.indexOf('keywordsEn')).toBeLessThan(order.indexOf('summary'));
    expect(order.indexOf('labels')).toBeLessThan(order.indexOf('summary'));
    expect(order.slice(-2)).toEqual(['pinyin', 'labelsPinyin']);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['collection', 'county', 'fields', 'kind', 'level', 'type', 'category', 'available']));
    expect(settings.localizedAttributes).toContainEqual({ attributePatterns: ['name', 'keywords', 'summary', 'labels', '*Grams'], locales: ['zho'] });
  });

  it('when counting the words Meilisearch reads, then a phrase is one, a Chinese run without quotes one per character', () => {
    expect(meiliWordCount('"低碳 碳利 利用" tbea')).toBe(2);
    expect(meiliWordCount('准东 jimusaer煤化工')).toBe(6);
    // Only the terms' kind and text matter to the count.
    const terms = (q: string) => queryTerms(q) as EngineQuery['terms'];
    expect(meiliReadsWhole(query({ terms: terms('a b c d e f g h i j') }))).toBe(true);
    expect(meiliReadsWhole(query({ terms: terms('a b c d e f g h i j k') }))).toBe(false);
  });
});
