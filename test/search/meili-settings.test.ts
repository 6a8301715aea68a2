import { describe, expect, it } from 'vitest';
import { completeSettings, indexSettings, searchableAttributes, settingsMismatch, versionAtLeast } from '../../search/meilisearch/meili-settings.js';

/** Settings as Meilisearch answers them: sets sorted, every sub-setting present, defaults filled in. */
function asAnswered(settings: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(settings) as Record<string, any>;
  for (const key of ['filterableAttributes', 'sortableAttributes', 'displayedAttributes', 'dictionary']) out[key] = [...out[key]].sort();
  out.typoTolerance = { ...out.typoTolerance, disableOnAttributes: [...out.typoTolerance.disableOnAttributes].sort() };
  out.embedders = {};
  out.distinctAttribute = null;
  return out;
}

describe('Meilisearch settings', () => {
  it('when fields are added, then they join their tier once, and synonyms and the dictionary pass through', () => {
    const input = { searchable: { keywords: ['aliases', 'labels'], pinyin: ['countyPinyin'] }, synonyms: { 工程中心: ['工程技术研究中心'] }, dictionary: ['准东', '吉木萨尔'] };
    const order = searchableAttributes(input);
    expect(order.indexOf('labels')).toBeGreaterThan(order.indexOf('keywordsGrams'));
    expect(order.indexOf('aliases')).toBeGreaterThan(order.indexOf('labels'));
    expect(order.indexOf('aliases')).toBeLessThan(order.indexOf('summary'));
    expect(order.filter((a) => a === 'labels')).toHaveLength(1);
    expect(order.slice(-3)).toEqual(['pinyin', 'labelsPinyin', 'countyPinyin']);
    const settings = indexSettings(input);
    expect(settings.synonyms).toEqual({ 工程中心: ['工程技术研究中心'] });
    expect(settings.dictionary).toEqual(['准东', '吉木萨尔']);
  });

  it('when the index is configured, then typos need 5 and 9 letters, none in pinyin or grams, and pinyin reads as English', () => {
    const settings = indexSettings();
    expect(settings.typoTolerance).toMatchObject({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
    expect([...settings.typoTolerance!.disableOnAttributes!].sort()).toEqual(['keywordsGrams', 'labelsPinyin', 'nameGrams', 'pinyin', 'summaryGrams']);
    expect(settings.localizedAttributes).toContainEqual({ attributePatterns: ['*En', 'pinyin', '*Pinyin'], locales: ['eng'] });
  });

  it('when an index answers the declared settings in its own order and with its defaults, then nothing differs', () => {
    const declared = indexSettings({ dictionary: ['准东', '阜康'], synonyms: { a: ['b', 'c'] } });
    expect(settingsMismatch(declared, asAnswered(declared as Record<string, unknown>))).toEqual([]);
  });

  it('when an index lacks a filterable attribute, has other rules or other synonyms, then those settings are named', () => {
    const declared = indexSettings({ synonyms: { a: ['b'] } });
    const answered = asAnswered(declared as Record<string, unknown>);
    answered.filterableAttributes = (answered.filterableAttributes as string[]).filter((a) => a !== 'county');
    answered.rankingRules = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];
    answered.synonyms = { a: ['b'], x: ['y'] };
    expect(settingsMismatch(declared, answered)).toEqual(['filterableAttributes', 'rankingRules', 'synonyms']);
  });

  it('when the complete update is built, then every setting the server reports beyond those declared is reset', () => {
    const full = completeSettings(indexSettings(), { foreignKeys: [], embedders: {}, searchableAttributes: ['*'] });
    expect(full.foreignKeys).toBeNull();
    expect(full.embedders).toBeNull();
    expect(full.searchableAttributes).toEqual(searchableAttributes());
  });

  it('when versions are compared, then 1.18.0 and newer pass, older and unreadable ones do not', () => {
    expect(['1.18.0', '1.18.3', '1.50.0', 'v2.0.0', '1.19.0-rc.1'].map((v) => versionAtLeast(v, '1.18.0'))).toEqual([true, true, true, true, true]);
    expect(['1.17.9', '0.30.0', 'nightly', ''].map((v) => versionAtLeast(v, '1.18.0'))).toEqual([false, false, false, false]);
  });
});
