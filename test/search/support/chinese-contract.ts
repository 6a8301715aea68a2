/**
 * Scenarios of how Chinese queries are read, replayed against every engine: Meilisearch's own segmenter and
 * phrase matching must not find more (or less) than the embedded engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { institution, names, platform, type SearchStack } from './stack.js';

const ZHUNDONG = '准东国家级煤炭清洁高效低碳利用技术专家服务基地';
/** Holds 准 and 东, apart. */
const DECOY = '东方标准研究院';
const UNIVERSITY = '天山理工大学';
/** Its name ends with 区块 and its host starts with 链: no field holds the word 区块链. */
const SPLIT = '昌吉数字区块';
const CHAIN = '昌吉区块链应用研究中心';
const ELEVEN = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo';
const TEN = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet';

/** Registers the Chinese scenarios on stacks made by `open`. */
export function chineseContract(open: () => SearchStack): void {
  describe('Chinese read the same way by every engine', () => {
    let stack: SearchStack;
    beforeAll(async () => {
      stack = open();
      const add = (collection: string, input: Record<string, unknown>) => stack.listings.create(collection, input, { actor: 'test' });
      add('platforms', platform(ZHUNDONG, { county: 'zhundong', fields: ['coal-chemistry'] }));
      add('platforms', platform(DECOY, { county: 'changji', fields: ['digital'] }));
      add('platforms', platform(SPLIT, { host: '链接技术研究院', county: 'changji', fields: ['digital'] }));
      add('platforms', platform(CHAIN, { county: 'changji', fields: ['digital'] }));
      add('institutions', institution(UNIVERSITY, { nameEn: 'Tianshan University of Technology' }));
      add('platforms', platform('十一词平台', { nameEn: ELEVEN }));
      add('platforms', platform('十词平台', { nameEn: TEN }));
      await stack.settle();
    });
    afterAll(() => stack.close());

    it('when searching 准东, then only listings holding 准东 are found, not those holding 准 and 东 apart', async () => {
      const r = await stack.find({ q: '准东' });
      expect(names(r)).toEqual([ZHUNDONG]);
      expect(r.total).toBe(1);
      expect(r.facets.county).toEqual({ zhundong: 1 });
    });

    it('when a single character comes before another word (天 大学), then 天山理工大学 is found', async () => {
      expect(names(await stack.find({ q: '天 大学' }))).toContain(UNIVERSITY);
    });

    it('when a word would join the end of one field to the start of another, then it does not match there', async () => {
      expect(names(await stack.find({ q: '区块链' }))).toEqual([CHAIN]);
    });

    it('when a query has 11 words, then the listing holding all eleven comes first', async () => {
      const found = names(await stack.find({ q: ELEVEN }));
      expect(found[0]).toBe('十一词平台');
    });
  });
}
