/**
 * The search scenarios every engine must pass, replayed against each engine by its own test file: the same
 * listings, the same queries, the same answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '../../../server/collections/define.js';
import type { EngineName } from '../../../search/core/engine.js';
import { chineseContract } from './chinese-contract.js';
import { apartment, expert, institution, names, platform, type SearchStack } from './stack.js';

type Open = () => SearchStack;

const ZHUNDONG = '准东国家级煤炭清洁高效低碳利用技术专家服务基地';
const TBEA = '特变电工产学研创新联合体';
const COTTON_LAB = '昌吉州棉花育种重点实验室';
const SEED_CENTER = '新疆现代种业工程技术研究中心';
const SORGHUM_NAME = '高粱加工中心';
const SORGHUM_HOST = '北庭酿造研究院';
const SORGHUM_SUMMARY = '阜康市葡萄酒研究所';
const APARTMENT_FREE = '昌吉市翰林苑人才公寓';
const APARTMENT_FULL = '老奇台镇周转房';
const ACADEMICIAN = '张明远';
const UNIVERSITY = '天山农业大学';
const ESCAPED = '<b>钢铁</b>研究所';

/** The catalogue the read-only scenarios search. */
function createCatalogue(stack: SearchStack): void {
  const opts = { actor: 'test' };
  const add = (collection: string, input: Record<string, unknown>) => stack.listings.create(collection, input, opts);
  add('platforms', platform(ZHUNDONG, { nameEn: 'Zhundong National Expert Service Base for Clean Coal Use', county: 'zhundong', fields: ['coal-chemistry'], kind: 'expert-service-base', level: 'national', host: '准东经济技术开发区' }));
  add('platforms', platform(TBEA, { nameEn: 'TBEA Industry-University-Research Innovation Consortium', county: 'hitech', fields: ['power-equipment'], kind: 'consortium', host: '特变电工股份有限公司' }));
  add('platforms', platform(COTTON_LAB, { nameEn: 'Changji Cotton Breeding Key Laboratory', county: 'agri-zone', fields: ['cotton', 'seed-industry'] }));
  add('platforms', platform(SEED_CENTER, { nameEn: 'Xinjiang Modern Seed Engineering Center', county: 'hutubi', fields: ['seed-industry'], kind: 'engineering-center', level: 'national', summary: '培育棉花与玉米新品种。' }));
  add('platforms', platform(SORGHUM_NAME, { nameEn: 'Crème Sorghum Processing Centre', county: 'qitai', fields: ['food-processing'] }));
  add('platforms', platform(SORGHUM_HOST, { nameEn: 'Beiting Brewing Institute', county: 'jimsar', fields: ['food-processing'], hostEn: 'Sorghum Group' }));
  add('platforms', platform(SORGHUM_SUMMARY, { nameEn: 'Fukang Wine Institute', county: 'fukang', fields: ['wine'], summaryEn: 'Sorghum spirits, sorghum vinegar, sorghum syrup: sorghum is all it studies.' }));
  add('platforms', platform(ESCAPED, { nameEn: 'Steel <Institute> & "Co"', county: 'fukang', fields: ['chemical-materials'] }));
  const university = add('institutions', institution(UNIVERSITY, { nameEn: 'Tianshan Agricultural University', county: 'agri-zone', fields: ['cotton', 'seed-industry'] }));
  add('experts', expert(ACADEMICIAN, {
    nameEn: 'Zhang Mingyuan', category: 'academician', title: '中国工程院院士', affiliation: UNIVERSITY, institutionId: university.id,
    expertise: ['棉花育种'], expertiseEn: ['cotton breeding'], fields: ['cotton'], county: 'agri-zone',
  }));
  add('apartments', apartment(APARTMENT_FREE, { nameEn: 'Hanlinyuan Talent Apartments', units: 10, availableUnits: 3 }));
  add('apartments', apartment(APARTMENT_FULL, { nameEn: 'Laoqitai Turnover Rooms', kind: 'turnover-room', county: 'qitai', township: '老奇台镇', units: 5, availableUnits: 0 }));
}

/** Registers the contract scenarios for the engine `expected`, on stacks made by `open`. */
export function engineContract(expected: EngineName, open: Open): void {
  chineseContract(open);

  describe('searching text', () => {
    let stack: SearchStack;
    beforeAll(async () => {
      stack = open();
      createCatalogue(stack);
      await stack.settle();
    });
    afterAll(() => stack.close());

    it('when searching, then the expected engine answers', async () => {
      expect((await stack.find({ q: '煤炭' })).engine).toBe(expected);
    });

    it('when searching two Chinese characters, then listings containing them anywhere are found', async () => {
      expect(names(await stack.find({ q: '煤炭' }))).toContain(ZHUNDONG);
      expect(names(await stack.find({ q: '种业' }))).toContain(SEED_CENTER);
      expect(names(await stack.find({ q: '院士' }))).toEqual([ACADEMICIAN]);
      expect(names(await stack.find({ q: '棉花' }))).toEqual(expect.arrayContaining([COTTON_LAB, SEED_CENTER, ACADEMICIAN]));
    });

    it('when searching one Chinese character, then listings containing it inside a word are found', async () => {
      expect(names(await stack.find({ q: '煤' }))).toContain(ZHUNDONG);
      expect(names(await stack.find({ q: '粱' }))).toContain(SORGHUM_NAME);
    });

    it('when searching a longer Chinese run, then only listings containing that run are found', async () => {
      expect(names(await stack.find({ q: '低碳利用' }))).toEqual([ZHUNDONG]);
      expect(names(await stack.find({ q: '碳利低' }))).toEqual([]);
    });

    it('when searching the start of an English word, in any case or accent, then it is found', async () => {
      expect(names(await stack.find({ q: 'cott' }))).toEqual(expect.arrayContaining([COTTON_LAB, ACADEMICIAN]));
      expect(names(await stack.find({ q: 'AGRI' }))).toContain(UNIVERSITY);
      expect(names(await stack.find({ q: 'tbea' }))).toContain(TBEA);
      expect(names(await stack.find({ q: 'creme' }))).toEqual([SORGHUM_NAME]);
      expect(names(await stack.find({ q: 'CRÈME' }))).toEqual([SORGHUM_NAME]);
    });

    it('when searching pinyin, full or joined or initials, then the Chinese name is found', async () => {
      for (const q of ['tbdg', 'TBDG', 'tebian', 'te bian dian gong', 'tebiandiangong', 'tebian diangong']) expect(names(await stack.find({ q })), q).toContain(TBEA);
      expect(names(await stack.find({ q: 'rencai gongyu' }))).toEqual([APARTMENT_FREE]);
    });

    it('when a query matches one listing directly and another only by pinyin, then the direct match ranks first', async () => {
      const found = names(await stack.find({ q: 'changji' }));
      expect(found).toContain(APARTMENT_FREE);
      expect(found.indexOf(COTTON_LAB)).toBeGreaterThanOrEqual(0);
      expect(found.indexOf(COTTON_LAB)).toBeLessThan(found.indexOf(APARTMENT_FREE));
    });

    it('when a word is in one name, one host and (many times) one summary, then they rank name, host, summary', async () => {
      expect(names(await stack.find({ q: 'sorghum' }))).toEqual([SORGHUM_NAME, SORGHUM_HOST, SORGHUM_SUMMARY]);
    });

    it('when hits are highlighted, then matches are marked and everything else is escaped', async () => {
      const [hit] = (await stack.find({ q: '钢铁' })).hits;
      expect(hit?.highlight.name).toBe('&lt;b&gt;<mark>钢铁</mark>&lt;/b&gt;研究所');
      const [en] = (await stack.find({ q: 'steel', lang: 'en' })).hits;
      expect(en?.highlight.name).toBe('<mark>Steel</mark> &lt;Institute&gt; &amp; &quot;Co&quot;');
      const [tbea] = (await stack.find({ q: 'tbdg' })).hits;
      expect(tbea?.highlight.name).toBe('<mark>特变电工</mark>产学研创新联合体');
    });

    it('when a query holds search syntax or stray characters, then it answers without error', async () => {
      for (const q of ['"', '"煤炭', 'NOT', 'a OR b', '(煤', '*', 'name:煤炭', '\\', '-', "'; DROP TABLE x", 'NEAR(a b)', '{}', '^煤']) {
        await expect(stack.find({ q }), q).resolves.toMatchObject({ engine: expected });
      }
      expect(names(await stack.find({ q: '"煤炭"' }))).toContain(ZHUNDONG);
    });
  });

  describe('filters, facets, sorts and pages', () => {
    let stack: SearchStack;
    beforeAll(async () => {
      stack = open();
      createCatalogue(stack);
      await stack.settle();
    });
    afterAll(() => stack.close());

    it('when codes are joined in a parameter, then any of them matches; parameters combine with AND', async () => {
      expect((await stack.find({ county: 'zhundong,hutubi' })).total).toBe(2);
      expect(names(await stack.find({ collection: 'platforms', level: 'national', county: 'hutubi' }))).toEqual([SEED_CENTER]);
      expect(names(await stack.find({ field: 'cotton', collection: 'experts' }))).toEqual([ACADEMICIAN]);
    });

    it('when a facet is filtered, then its counts ignore its own filter and apply the others', async () => {
      const r = await stack.find({ collection: 'platforms', county: 'zhundong' });
      expect(r.total).toBe(1);
      expect(r.facets.county).toMatchObject({ zhundong: 1, hutubi: 1, hitech: 1, fukang: 2 });
      expect(r.facets.collection).toEqual({ platforms: 1 });
      expect(r.facets.kind).toEqual({ 'expert-service-base': 1 });
      expect(r.facets.level).toEqual({ national: 1 });
    });

    it('when facets are counted with a query, then they count only what the query finds', async () => {
      const r = await stack.find({ q: '棉花' });
      // The institution's industry field is cotton: its label (棉花) is searchable.
      expect(r.facets.collection).toEqual({ platforms: 2, institutions: 1, experts: 1 });
      expect(r.facets.category).toEqual({ academician: 1 });
    });

    it('when asking for available housing, then only apartments with free units are found', async () => {
      expect(names(await stack.find({ available: 'true' }))).toEqual([APARTMENT_FREE]);
      expect((await stack.find({ collection: 'apartments', available: 'false' })).total).toBe(2);
    });

    it('when sorting by name, then Chinese names follow pinyin and English names the alphabet', async () => {
      const zh = names(await stack.find({ collection: 'platforms', county: 'agri-zone,hitech,zhundong,hutubi', sort: 'name' }));
      expect(zh).toEqual([COTTON_LAB, TBEA, SEED_CENTER, ZHUNDONG]);
      const en = (await stack.find({ collection: 'platforms', county: 'agri-zone,hitech,zhundong,hutubi', sort: 'name', lang: 'en' })).hits.map((h) => h.nameEn);
      expect(en).toEqual([...en].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    });

    it('when paging, then pages split the same total and a page past the end is empty', async () => {
      const all = await stack.find({ collection: 'platforms', perPage: '100' });
      const first = await stack.find({ collection: 'platforms', perPage: '3', page: '1' });
      const second = await stack.find({ collection: 'platforms', perPage: '3', page: '2' });
      const beyond = await stack.find({ collection: 'platforms', perPage: '3', page: '9' });
      expect(first.total).toBe(all.total);
      expect(names(first).concat(names(second))).toEqual(names(all).slice(0, 6));
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(all.total);
    });

    it('when searching within one collection, then only its listings come back, with their url', async () => {
      const r = await stack.find({}, 'institutions');
      expect(r.hits.map((h) => h.url)).toEqual([`/institutions/${r.hits[0]!.id}`]);
    });
  });

  describe('changes', () => {
    let stack: SearchStack;
    beforeAll(() => {
      stack = open();
    });
    afterAll(() => stack.close());
    const by = { actor: 'test' };

    it('when a listing is created, updated, archived, restored and deleted, then search follows each change', async () => {
      const created = stack.listings.create('platforms', platform('甜菜制糖研究中心', { nameEn: 'Sugar Beet Centre' }), by);
      await stack.settle();
      expect(names(await stack.find({ q: '甜菜' }))).toEqual(['甜菜制糖研究中心']);
      const updated = stack.listings.update('platforms', created.id, platform('番茄加工研究中心', { nameEn: 'Tomato Centre' }), { ...by, version: created.version });
      await stack.settle();
      expect(names(await stack.find({ q: '甜菜' }))).toEqual([]);
      expect(names(await stack.find({ q: 'tomato' }))).toEqual(['番茄加工研究中心']);
      const archived = stack.listings.archive('platforms', updated.id, by);
      await stack.settle();
      expect((await stack.find({ q: '番茄' })).total).toBe(0);
      expect((await stack.find({})).facets.collection).toEqual({});
      stack.listings.restore('platforms', archived.id, by);
      await stack.settle();
      expect(names(await stack.find({ q: '番茄' }))).toEqual(['番茄加工研究中心']);
      stack.listings.remove('platforms', archived.id, by);
      await stack.settle();
      expect((await stack.find({ q: '番茄' })).total).toBe(0);
    });

    it('when an institution is renamed, then its experts are found under the new name and not the old', async () => {
      const inst = stack.listings.create('institutions', institution('北庭理工学院'), by);
      stack.listings.create('experts', expert('王立新', { affiliation: '北庭理工学院', institutionId: inst.id }), by);
      await stack.settle();
      expect(names(await stack.find({ q: '北庭理工', collection: 'experts' }))).toEqual(['王立新']);
      stack.listings.update('institutions', inst.id, institution('天池理工大学'), by);
      await stack.settle();
      expect(names(await stack.find({ q: '天池理工', collection: 'experts' }))).toEqual(['王立新']);
      // The old name's place is left out: the expert is found only through the word the names share.
      expect((await stack.find({ q: '北庭理工', collection: 'experts' })).ignored).toEqual(['北庭']);
    });

    it('when listings are updated, then sorting by update puts the latest first', async () => {
      const a = stack.listings.create('apartments', apartment('榆树沟镇周转房'), by);
      const b = stack.listings.create('apartments', apartment('六工镇周转房'), by);
      await new Promise((resolve) => setTimeout(resolve, 5));
      stack.listings.update('apartments', a.id, apartment('榆树沟镇周转房', { availableUnits: 1 }), by);
      await stack.settle();
      const order = names(await stack.find({ collection: 'apartments', sort: 'updated' }));
      expect(order.slice(0, 2)).toEqual(['榆树沟镇周转房', '六工镇周转房']);
      expect((b as Listing).id).toBeGreaterThan(0);
    });
  });
}
