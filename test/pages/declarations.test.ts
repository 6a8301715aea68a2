import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionDef } from '../../server/collections/define.js';
import { getCollection } from '../../server/collections/registry.js';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { visibleText } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Declaration members a test changed, put back after it: each test file has its own copy of the modules. */
const changed: { def: CollectionDef; values: Partial<CollectionDef> }[] = [];
afterEach(() => {
  for (const { def, values } of changed.splice(0).reverse()) Object.assign(def, values);
});

function redeclare<K extends keyof CollectionDef>(collection: string, key: K, value: CollectionDef[K]): void {
  const def = getCollection(collection);
  changed.push({ def, values: { [key]: def[key] } });
  def[key] = value;
}

function firstId(sql: string): number {
  return t.ctx.db.prepare(sql).pluck().get() as number;
}

/** The meta lines of the result card that links to `href`. */
function cardMeta(html: string, href: string): string[] {
  const card = html.split('<article class="card">').find((c) => c.includes(`<a href="${href}">`));
  if (!card) throw new Error(`no card for ${href}`);
  const meta = /<p class="card-meta">([\s\S]*?)<\/p>/.exec(card)?.[1] ?? '';
  return [...meta.matchAll(/<span>([^<]*)<\/span>/g)].map((m) => visibleText(m[1] ?? '').trim());
}

/** The listings of a result page, in order. */
function hitIds(html: string, collection: string): number[] {
  return [...html.matchAll(new RegExp(`class="card-title"><a href="/${collection}/(\\d+)">`, 'g'))].map((m) => Number(m[1]));
}

describe('pages follow the collection declarations', () => {
  it('when a collection declares other card lines, then its result cards show those lines', async () => {
    const id = firstId("SELECT id FROM institutions WHERE status = 'active' AND agreementYear IS NOT NULL AND location <> '' ORDER BY id LIMIT 1");
    const institution = t.ctx.listings.get('institutions', id);
    const before = await request(t.app).get('/search?collection=institutions&perPage=50').expect(200);
    expect(cardMeta(before.text, `/institutions/${id}`)).toContain(institution?.location);

    redeclare('institutions', 'cardLines', ['agreementYear']);
    const after = await request(t.app).get('/search?collection=institutions&perPage=50').expect(200);
    expect(cardMeta(after.text, `/institutions/${id}`)).toEqual([String(institution?.agreementYear)]);
  });

  it('when a collection declares title fields, then its page title carries them after the name', async () => {
    const id = firstId("SELECT id FROM institutions WHERE status = 'active' AND location <> '' ORDER BY id LIMIT 1");
    const institution = t.ctx.listings.get('institutions', id);
    const before = await request(t.app).get(`/institutions/${id}`).expect(200);
    expect(before.text).toContain(`<title>${institution?.name} · `);
    expect(before.text).not.toContain(`<title>${institution?.name} · ${institution?.location} · `);

    redeclare('institutions', 'titleFields', ['location']);
    const after = await request(t.app).get(`/institutions/${id}`).expect(200);
    expect(after.text).toContain(`<title>${institution?.name} · ${institution?.location} · `);
  });

  it('when a collection declares other related listings, then its page shows those groups in that order', async () => {
    const before = await request(t.app).get('/platforms/1').expect(200);
    expect(before.text).toContain('id="related-field-platforms"');

    redeclare('platforms', 'related', [{ by: 'county', collection: 'apartments' }]);
    const after = await request(t.app).get('/platforms/1').expect(200);
    const groups = [...after.text.matchAll(/<h2 id="related-([^"]+)">/g)].map((m) => m[1]);
    expect(groups).toEqual(['county-apartments']);
    expect(visibleText(after.text)).toContain('同一县市的其他住房');
  });

  it('when a collection declares no contact requests, then its pages carry no form and a request to it is a 404', async () => {
    redeclare('platforms', 'contact', undefined);
    const page = await request(t.app).get('/platforms/1').expect(200);
    expect(page.text).not.toContain('class="contact-form"');
    expect(page.text).not.toContain('href="#contact"');
    await request(t.app).post('/platforms/1/contact').type('form').send({ name: '李工', contact: 'li@example.com', message: '希望开展合作，请联系。' }).expect(404);

    const expert = await request(t.app).get('/experts/1').expect(200);
    expect(expert.text).toContain('<form class="contact-form" action="/experts/1/contact#form-errors" method="post"');
  });

  it('when housing is shown, then its numbers carry the declared units and free units read against all units', async () => {
    const rented = firstId("SELECT id FROM apartments WHERE status = 'active' AND monthlyRent > 0 AND areaSqm IS NOT NULL ORDER BY id LIMIT 1");
    const flat = t.ctx.listings.get('apartments', rented);
    const page = visibleText((await request(t.app).get(`/apartments/${rented}?lang=en`).expect(200)).text);
    const grouped = (n: unknown) => Number(n).toLocaleString('en');
    expect(page).toContain(`${grouped(flat?.monthlyRent)} yuan a month`);
    expect(page).toContain(`${grouped(flat?.areaSqm)} m²`);
    expect(page).toContain(`${grouped(flat?.availableUnits)} free of ${grouped(flat?.units)}`);

    const free = firstId("SELECT id FROM apartments WHERE status = 'active' AND monthlyRent = 0 ORDER BY id LIMIT 1");
    const search = await request(t.app).get('/search?collection=apartments&perPage=100&lang=en').expect(200);
    expect(cardMeta(search.text, `/apartments/${free}`)).toContain('Free');
  });

  it('when housing is ordered by free units, then the listings with the most free units come first', async () => {
    const res = await request(t.app).get('/search?collection=apartments&sort=free-units&perPage=100').expect(200);
    const ids = hitIds(res.text, 'apartments');
    expect(ids.length).toBeGreaterThan(10);
    const free = ids.map((id) => Number(t.ctx.listings.get('apartments', id)?.availableUnits));
    expect(free).toEqual([...free].sort((a, b) => b - a));
    expect(free[0]).toBeGreaterThan(free[free.length - 1] ?? 0);
  });
});
