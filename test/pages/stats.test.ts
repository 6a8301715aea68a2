import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { visibleText } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The rows of the table that follows a chart: [label, ...figures]. */
function tableRows(html: string, chartId: string): string[][] {
  const figure = new RegExp(`<figure class="chart" id="chart-${chartId}"[\\s\\S]*?</figure>`).exec(html)![0];
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(figure)![1]!;
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => visibleText(c[1]!).trim()));
}

describe('GET /stats', () => {
  it('when the stats page is read, then each chart is an SVG with a text alternative and a table', async () => {
    const res = await request(t.app).get('/stats').expect(200);
    const ids = ['platformsByLevel', 'platformsByKind', 'platformsByCounty', 'expertsByCategory', 'expertsByField', 'housingByCounty'];
    for (const id of ids) {
      expect(res.text).toContain(`id="chart-${id}"`);
      expect(res.text).toMatch(new RegExp(`<svg class="bars"[^>]*role="img" aria-labelledby="chart-${id}-svgtitle chart-${id}-svgdesc"`));
      expect(tableRows(res.text, id).length).toBeGreaterThan(0);
    }
  });

  it('when platforms are counted by level, then the chart and its table give the report figures', async () => {
    const res = await request(t.app).get('/stats').expect(200);
    expect(tableRows(res.text, 'platformsByLevel')).toEqual([['国家级', '28'], ['自治区级', '117'], ['无级别（异地研发平台）', '21']]);
    expect(res.text).toMatch(/<desc id="chart-platformsByLevel-svgdesc">国家级 28; 自治区级 117; 无级别（异地研发平台） 21<\/desc>/);
  });

  it('when experts are counted by category, then there are 10 academicians, 80 experts and 30 advisors', async () => {
    const res = await request(t.app).get('/stats?lang=en').expect(200);
    expect(tableRows(res.text, 'expertsByCategory')).toEqual([['Academician', '10'], ['Expert or scholar', '80'], ['Expert advisor (think tank)', '30']]);
  });

  it('when housing is counted by county, then units and free units match the listings', async () => {
    const res = await request(t.app).get('/stats').expect(200);
    const rows = tableRows(res.text, 'housingByCounty');
    const qitai = rows.find((r) => r[0] === '奇台县')!;
    const expected = t.ctx.db
      .prepare("SELECT sum(units) AS u, sum(availableUnits) AS a FROM apartments WHERE county = 'qitai' AND status = 'active'")
      .get() as { u: number; a: number };
    expect(qitai).toEqual(['奇台县', String(expected.u), String(expected.a)]);
  });

  it('when a platform is archived, then the charts no longer count it', async () => {
    const national = t.ctx.db.prepare("SELECT id FROM platforms WHERE level = 'national' AND status = 'active' LIMIT 1").pluck().get() as number;
    t.ctx.listings.archive('platforms', national, { actor: 'test' });
    const res = await request(t.app).get('/stats').expect(200);
    expect(tableRows(res.text, 'platformsByLevel')[0]).toEqual(['国家级', '27']);
    t.ctx.listings.restore('platforms', national, { actor: 'test' });
    const again = await request(t.app).get('/stats').expect(200);
    expect(tableRows(again.text, 'platformsByLevel')[0]).toEqual(['国家级', '28']);
  });

  it('when a table row is followed, then it leads to the search filtered by that code', async () => {
    const res = await request(t.app).get('/stats').expect(200);
    expect(res.text).toContain('<a href="/search?collection=platforms&amp;level=national">国家级</a>');
    expect(res.text).toContain('<a href="/search?collection=apartments&amp;county=qitai&amp;available=true">奇台县</a>');
  });

  it('when the page is read, then its headings go h1, h2, h3 without skipping', async () => {
    const res = await request(t.app).get('/stats').expect(200);
    const levels = [...res.text.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!).toBeLessThanOrEqual(1));
  });
});
