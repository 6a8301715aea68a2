/**
 * A collection that exists in this file only, added the way a contributor adds one: `labs`, with a facet of its
 * own (`grade`, codes `a` and `b`, from a vocabulary of its own), goes into the registry; its vocabulary into
 * the vocabularies; its table into a migration; its labels into the locale files. Nothing else is told about it,
 * so the API, the engine and the search page must find the new facet in the declarations: a module that still
 * lists the facets by hand fails here.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CollectionName } from '../../server/collections/define.js';
import { FACET_PARAMS } from '../../server/collections/facets.js';
import type { VocabName } from '../../server/collections/vocab.js';
import { createTestApp, type TestApp } from '../helpers/context.js';

vi.mock('../../server/collections/vocab.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/collections/vocab.js')>();
  return {
    ...original,
    VOCAB: { ...original.VOCAB, labGrade: ['a', 'b'] },
    VOCAB_LABEL_GROUP: { ...original.VOCAB_LABEL_GROUP, labGrade: 'grade' },
  };
});

vi.mock('../../server/collections/registry.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/collections/registry.js')>();
  const { defineCollection } = await import('../../server/collections/define.js');
  const labs = defineCollection({
    name: 'labs' as CollectionName,
    own: {
      grade: { type: 'code', vocab: 'labGrade' as VocabName },
      host: { type: 'text', max: 200 },
    },
    facets: { grade: 'grade' },
    keywords: ['host'],
    cardLines: ['grade'],
  });
  return original.registryOf([...original.COLLECTIONS, labs]);
});

vi.mock('../../server/core/paths.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../server/core/paths.js')>();
  const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'cjd-labs-'));
  const migrations = join(dir, 'migrations');
  const locales = join(dir, 'locales');
  cpSync(original.MIGRATIONS_DIR, migrations, { recursive: true });
  cpSync(original.LOCALES_DIR, locales, { recursive: true });
  writeFileSync(
    join(migrations, '900-labs.sql'),
    `CREATE TABLE labs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL, nameEn TEXT NOT NULL DEFAULT '', summary TEXT NOT NULL DEFAULT '', summaryEn TEXT NOT NULL DEFAULT '',
      county TEXT NOT NULL, fields TEXT NOT NULL DEFAULT '[]',
      grade TEXT NOT NULL, host TEXT NOT NULL DEFAULT '',
      source TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active',
      createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1
    );`,
  );
  const labels = {
    zh: { collection: '实验室', grade: '实验室等级', a: '甲级', b: '乙级' },
    en: { collection: 'Labs', grade: 'Lab grade', a: 'Grade A', b: 'Grade B' },
  };
  const addTo = (file: string, add: (json: Record<string, Record<string, unknown>>) => void) => {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
    add(json);
    writeFileSync(file, JSON.stringify(json, null, 2));
  };
  for (const [lang, label] of Object.entries(labels)) {
    addTo(join(locales, lang, 'vocab.json'), (vocab) => {
      vocab.collection!.labs = label.collection;
      vocab.grade = { a: label.a, b: label.b };
    });
    addTo(join(locales, lang, 'site.json'), (site) => {
      site.facet!.grade = label.grade;
    });
  }
  return { ...original, MIGRATIONS_DIR: migrations, LOCALES_DIR: locales };
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ SEED: 'off' });
  const lab = (name: string, grade: string) => ({ name, nameEn: '', summary: '', summaryEn: '', county: 'changji', fields: ['cotton'], grade, host: '' });
  t.ctx.listings.createMany('labs', [lab('棉花育种实验室', 'a'), lab('煤化工实验室', 'a'), lab('种业实验室', 'b')], { actor: 'test', source: 'staff' });
  t.ctx.listings.create('platforms', { name: '棉花中心', nameEn: '', summary: '', summaryEn: '', county: 'changji', fields: ['cotton'], kind: 'key-lab', level: 'national', host: '', hostEn: '', location: null, locationEn: null, established: null }, { actor: 'test', source: 'staff' });
});
afterAll(() => t.close());

describe('a collection declared with a facet of its own', () => {
  it('when the search filters by the new facet, then only the listings with that code are found', async () => {
    const res = await request(t.app).get('/api/search?grade=a').expect(200);
    expect(res.body.total).toBe(2);
    expect(res.body.hits.map((hit: { collection: string; grade: string }) => [hit.collection, hit.grade])).toEqual([
      ['labs', 'a'],
      ['labs', 'a'],
    ]);
  });

  it('when facets are counted, then the new facet is counted after the others, and filtering by it keeps its own counts', async () => {
    const all = await request(t.app).get('/api/search').expect(200);
    expect(Object.keys(all.body.facets)).toEqual(FACET_PARAMS);
    expect(FACET_PARAMS).toEqual(expect.arrayContaining(['collection', 'county', 'field', 'kind', 'level', 'type', 'category']));
    expect(FACET_PARAMS.at(-1)).toBe('grade');
    expect(all.body.facets.grade).toEqual({ a: 2, b: 1 });
    expect(all.body.facets.collection).toEqual({ platforms: 1, labs: 3 });
    const filtered = await request(t.app).get('/api/search?grade=b').expect(200);
    expect(filtered.body.facets.grade).toEqual({ a: 2, b: 1 });
    expect(filtered.body.facets.collection).toEqual({ labs: 1 });
  });

  it('when the new facet is given an unknown code, then the answer is a 400 naming the facet and its codes', async () => {
    const res = await request(t.app).get('/api/search?grade=c').expect(400);
    expect(res.body.error.details.grade).toBe('unknown code "c"; expected one of: a, b');
  });

  it('when the search page is filtered by the new facet, then its cards, the facet and its code show with their labels in each language', async () => {
    const zh = await request(t.app).get('/search?grade=a').expect(200);
    expect(zh.text).toContain('<fieldset class="facet" id="facet-grade">');
    expect(zh.text).toMatch(/<legend>实验室等级<\/legend>/);
    expect(zh.text).toMatch(/id="f-grade-a" name="grade" value="a" checked/);
    expect(zh.text).toMatch(/<label for="f-grade-a"><span class="facet-label">甲级<\/span>/);
    expect(zh.text).toContain('棉花育种实验室');
    expect(zh.text).toContain('煤化工实验室');
    expect(zh.text).not.toContain('种业实验室');
    expect(zh.text).toMatch(/href="\/labs\/\d+"/);
    const en = await request(t.app).get('/search?grade=a&lang=en').expect(200);
    expect(en.text).toMatch(/<legend>Lab grade<\/legend>/);
    expect(en.text).toMatch(/<label for="f-grade-a"><span class="facet-label">Grade A<\/span>/);
    expect(en.text).toMatch(/<span class="facet-label">Labs<\/span>/);
  });

  it('when a listing of the new collection is opened, then its page shows its name and its code by label', async () => {
    const search = await request(t.app).get('/api/labs?grade=b').expect(200);
    const [hit] = search.body.hits as { id: number; name: string }[];
    expect(hit?.name).toBe('种业实验室');
    const page = await request(t.app).get(`/labs/${hit?.id}`).expect(200);
    expect(page.text).toContain('种业实验室');
    expect(page.text).toContain('乙级');
  });
});
