/** The search API on the seeded directory, typed the way people type: unspaced, Traditional, typos, plurals, labels. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Answer {
  total: number;
  ignored: string[];
  notice?: string;
  suggestedFilters: { param: string; code: string; count: number }[];
  hits: { collection: string; id: number; name: string; county: string; category?: string; highlight: { name: string } }[];
}

async function search(q: string, extra: Record<string, string> = {}): Promise<Answer> {
  const res = await request(t.app).get('/api/search').query({ q, perPage: '100', ...extra });
  expect(res.status).toBe(200);
  return res.body as Answer;
}

const keys = (a: Answer) => a.hits.map((h) => `${h.collection}-${h.id}`);

describe('search that understands how people type', () => {
  it('when Chinese words are typed without spaces, then the same listings are found as with spaces', async () => {
    for (const [unspaced, spaced] of [['昌吉农业', '昌吉 农业'], ['吉木萨尔煤化工', '吉木萨尔 煤化工'], ['阜康人才公寓', '阜康 人才公寓'], ['棉花育种专家', '棉花 育种 专家']]) {
      const a = await search(unspaced!);
      expect(a.total, unspaced).toBeGreaterThan(0);
      expect(keys(a).sort(), unspaced).toEqual(keys(await search(spaced!)).sort());
    }
  });

  it('when an exact name is typed in Traditional characters, then its listing is the first hit', async () => {
    const [first] = (await search('中國農業科學院西部農業研究中心')).hits;
    expect(first?.name).toBe('中国农业科学院西部农业研究中心');
  });

  it('when an English word has a typo or is plural, then it finds what the correct word finds', async () => {
    const correct = keys(await search('laboratory'));
    expect(correct.length).toBeGreaterThan(0);
    expect(keys(await search('laboratry')).sort()).toEqual([...correct].sort());
    const singular = keys(await search('centre'));
    expect(keys(await search('centres'))).toEqual(expect.arrayContaining(singular));
    expect(keys(await search('Changij')).slice(0, 10)).toEqual(keys(await search('changji')).slice(0, 10));
  });

  it('when one word too many is typed, then the answer still comes and names the word it left out', async () => {
    const a = await search('种业 孵化器 合作');
    expect(a.total).toBeGreaterThan(0);
    expect(a.ignored.length).toBeGreaterThan(0);
    expect(a.hits[0]!.name).toContain('种业');
    expect(a.hits[0]!.name).toContain('孵化器');
    const page = await request(t.app).get('/search').query({ q: '种业 孵化器 合作' });
    expect(page.text).toContain('没有同时包含全部词语的结果');
  });

  it('when a county or category label is typed, then the listings carrying the code are found and the filter is offered', async () => {
    const experts = await search('专家学者', { collection: 'experts' });
    expect(experts.total).toBe(80);
    expect(experts.suggestedFilters).toContainEqual({ param: 'category', code: 'expert', count: 80 });
    const qitai = await search('奇台县');
    expect(qitai.hits.filter((h) => h.county === 'qitai').length).toBe(qitai.total);
    const page = await request(t.app).get('/search').query({ q: '院士' });
    expect(page.text).toContain('筛选：院士 (10)');
  });

  it('when pinyin is mixed with Chinese or written with v for ü, then it is read as pinyin', async () => {
    const mixed = await search('jimusaer煤化工');
    expect(keys(mixed).sort()).toEqual(keys(await search('吉木萨尔 煤化工')).sort());
    expect((await search('lvse')).hits.map((h) => h.name).some((n) => n.includes('绿色'))).toBe(true);
  });

  it('when the query is punctuation only, then nothing is answered and the page says there is nothing to search', async () => {
    for (const q of ['。', '？', '——']) {
      const a = await search(q);
      expect(a.total, q).toBe(0);
      expect(a.notice).toBe('nothing-to-search');
    }
    expect((await request(t.app).get('/search').query({ q: '？' })).text).toContain('没有可搜索的文字');
  });
});
