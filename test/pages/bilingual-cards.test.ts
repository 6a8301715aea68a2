/** The second line of a card (the other language's name that matched) is as escaped as the card's own name. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { platform } from '../search/support/stack.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SEED: 'off' });
  t.ctx.listings.create('platforms', platform('甲实验室', { nameEn: '<img src=x onerror=alert(1)> Quartzite Lab', summaryEn: '<script>x()</script> quartzite' }), { actor: 'test' });
});
afterAll(() => t.close());

describe('bilingual cards', () => {
  it('when a Chinese page finds a listing by a word of its English name, then that name shows escaped with the word marked', async () => {
    const res = await request(t.app).get('/search').query({ q: 'quartzite', lang: 'zh' }).expect(200);
    const other = /<p class="card-other" lang="en">([\s\S]*?)<\/p>/.exec(res.text)?.[1] ?? '';
    expect(other).toContain('&lt;img src=x onerror=alert(1)&gt; <mark>Quartzite</mark> Lab');
    expect(res.text).not.toContain('<img src=x');
    expect(res.text).not.toContain('<script>x()');
  });
});
