import { describe, expect, it } from 'vitest';
import type { Listing } from '../../server/collections/define.js';
import { FACETS, FACET_PARAMS, type FacetParam } from '../../server/collections/facets.js';
import { toSearchDocument } from '../../search/core/documents.js';
import { indexSettings } from '../../search/meilisearch/meili-settings.js';
import { meiliDocument } from '../../search/meilisearch/meilisearch.js';

/** A listing with the common fields filled in. */
function listing(own: Record<string, unknown>): Listing {
  return {
    nameEn: '', summary: '', summaryEn: '', county: 'changji', fields: ['cotton'], source: 'sample', status: 'active',
    createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-05-01T00:00:00.000Z', version: 1, ...own,
  } as unknown as Listing;
}

/** No codes for any facet, whatever facets the declarations hold. */
const NO_CODES = Object.fromEntries(FACET_PARAMS.map((p): [FacetParam, string[]] => [p, []])) as Record<FacetParam, string[]>;

const university = listing({ id: 3, collection: 'institutions', name: '天山农业大学', nameEn: 'Tianshan Agricultural University', type: 'university' });
const lookup = (collection: string, id: number) => (collection === 'institutions' && id === 3 ? university : undefined);

describe('search documents', () => {
  it('when a platform is indexed, then its keyword fields come from its declaration and its facets from its own fields', () => {
    const doc = toSearchDocument(listing({ id: 12, collection: 'platforms', name: '特变电工产学研创新联合体', kind: 'consortium', level: 'regional', host: '特变电工', hostEn: 'TBEA', location: null, locationEn: null, source: 'report-2022' }), lookup);
    expect(doc).toMatchObject({
      id: 'platforms-12', collection: 'platforms', listingId: 12, keywords: '特变电工', keywordsEn: 'TBEA', available: false, boost: 1,
      updatedAt: Date.parse('2024-05-01T00:00:00.000Z'),
    });
    expect(doc.facets).toEqual({ ...NO_CODES, collection: ['platforms'], county: ['changji'], field: ['cotton'], kind: ['consortium'], level: ['regional'] });
    expect(doc.nameGrams.split(' ')).toEqual(expect.arrayContaining(['特变', '变电', '电工']));
    expect(doc.pinyin.split(' ').some((token) => token.startsWith('tbdg'))).toBe(true);
  });

  it('when a listing carries codes, then their labels in both languages are its searchable labels, and their pinyin beside the name’s', () => {
    const doc = toSearchDocument(listing({ id: 13, collection: 'platforms', name: '棉花中心', county: 'qitai', kind: 'key-lab', level: 'national', fields: ['cotton'], host: '', hostEn: '', location: null, locationEn: null }), lookup);
    expect(doc.labels.split(' ')).toEqual(expect.arrayContaining(['奇台县', '棉花', '重点实验室', '国家级']));
    expect(doc.labelsEn).toContain('Qitai County');
    expect(doc.labelsEn).toContain('Key laboratory');
    expect(doc.labelsPinyin.split(' ')).toEqual(expect.arrayContaining(['qitaixian', 'mianhua']));
    expect(doc.pinyin.split(' ')).not.toContain('qitaixian');
  });

  it('when listings differ in source and level, then quality ranks the report’s national listings first and samples last', () => {
    const quality = (source: string, level: string | null) => toSearchDocument(listing({ id: 14, collection: 'platforms', name: '中心', source, level, kind: 'key-lab', host: '', hostEn: '', location: null, locationEn: null }), lookup).boost;
    expect([quality('report-2022', 'national'), quality('report-2022', 'regional'), quality('sample', 'national'), quality('sample', 'regional'), quality('sample', null)]).toEqual([0, 1, 3, 4, 5]);
  });

  it('when an expert is linked to an institution, then its affiliation is the institution’s current name', () => {
    const doc = toSearchDocument(listing({ id: 5, collection: 'experts', name: '张明远', category: 'academician', title: '院士', titleEn: 'Academician', affiliation: '旧校名', affiliationEn: 'Old Name', institutionId: 3, expertise: ['棉花育种'], expertiseEn: ['cotton breeding'] }), lookup);
    expect(doc.keywords).toContain('天山农业大学');
    expect(doc.keywords).not.toContain('旧校名');
    expect(doc.keywordsEn).toContain('Tianshan Agricultural University');
    expect(doc.keywords).toContain('棉花育种');
    expect(doc.facets.category).toEqual(['academician']);
  });

  it('when an expert has no linked institution, then its own affiliation is indexed', () => {
    const doc = toSearchDocument(listing({ id: 6, collection: 'experts', name: '李静', category: 'advisor', title: '', titleEn: '', affiliation: '北庭研究院', affiliationEn: '', institutionId: null, expertise: [], expertiseEn: [] }), lookup);
    expect(doc.keywords).toBe('北庭研究院');
  });

  it('when housing has free units, then it is available', () => {
    const flat = (availableUnits: number) => listing({ id: 9, collection: 'apartments', name: '人才公寓', kind: 'talent-apartment', township: '三工镇', units: 5, availableUnits });
    expect(toSearchDocument(flat(2), lookup).available).toBe(true);
    expect(toSearchDocument(flat(0), lookup).available).toBe(false);
    expect(toSearchDocument(flat(2), lookup).facets.kind).toEqual(['talent-apartment']);
  });

  it('when a document goes to Meilisearch, then each facet is a filterable attribute of its own: a code or null, the fields a list', () => {
    const doc = meiliDocument(toSearchDocument(listing({ id: 13, collection: 'platforms', name: '棉花中心', county: 'qitai', kind: 'key-lab', level: 'national', fields: ['cotton', 'seed-industry'], host: '', hostEn: '', location: null, locationEn: null }), lookup));
    expect(doc).toMatchObject({ collection: 'platforms', county: 'qitai', fields: ['cotton', 'seed-industry'], kind: 'key-lab', level: 'national', type: null, category: null });
    expect(doc).not.toHaveProperty('facets');
    expect(indexSettings().filterableAttributes).toEqual([...FACETS.map((facet) => facet.field), 'available']);
    expect(indexSettings().filterableAttributes).toEqual(expect.arrayContaining(['collection', 'county', 'fields', 'kind', 'level', 'type', 'category']));
  });
});
