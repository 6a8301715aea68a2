import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName, Listing } from '../../server/collections/define.js';
import { VOCAB } from '../../server/collections/vocab.js';
import { ROOT, SEEDS_DIR } from '../../server/core/paths.js';
import { createTestApp, tempDir, type TestApp } from '../helpers/context.js';

let t: TestApp;
let all: Record<CollectionName, Listing[]>;
beforeAll(async () => {
  t = await createTestApp();
  const names: CollectionName[] = ['platforms', 'institutions', 'experts', 'apartments'];
  all = Object.fromEntries(names.map((c) => [c, [...t.ctx.listings.repo(c).iterate()]])) as Record<CollectionName, Listing[]>;
});
afterAll(() => t.close());

function countBy(list: Listing[], key: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of list) out[String(l[key])] = (out[String(l[key])] ?? 0) + 1;
  return out;
}

describe('seed data', () => {
  it('when the database is seeded, then the counts are those of the contract', () => {
    expect(all.platforms).toHaveLength(166);
    expect(countBy(all.platforms, 'level')).toEqual({ national: 28, regional: 117, null: 21 });
    expect(all.platforms.filter((p) => p.level === null).every((p) => p.kind === 'offsite-rnd')).toBe(true);
    expect(countBy(all.institutions, 'type')).toEqual({ university: 6, institute: 3 });
    expect(countBy(all.experts, 'category')).toEqual({ academician: 10, expert: 80, advisor: 30 });
    const units = (kind: string) => all.apartments.filter((a) => a.kind === kind).reduce((sum, a) => sum + Number(a.units), 0);
    expect(units('talent-apartment')).toBeGreaterThanOrEqual(1600);
    expect(units('turnover-room')).toBeGreaterThanOrEqual(400);
  });

  it('when the report names an organisation, then it is there as a fact', () => {
    const facts = Object.values(all).flat().filter((l) => l.source === 'report-2022').map((l) => l.name);
    for (const name of ['准东国家级煤炭清洁高效低碳利用技术专家服务基地', '碳基能源资源化学与利用国家重点实验室协同创新中心', '国家农业生物安全科学中心西北中心', '中国农业科学院西部农业研究中心']) {
      expect(facts).toContain(name);
    }
    expect(facts.some((n) => n.includes('特变电工'))).toBe(true);
    expect(facts.some((n) => n.includes('泰昆集团'))).toBe(true);
    expect(facts.some((n) => n.includes('中科院新疆分院') || n.includes('中国科学院新疆分院'))).toBe(true);
  });

  it('when a record is not a fact, then it is marked as a sample, and every person is a sample', () => {
    for (const listing of Object.values(all).flat()) expect(['report-2022', 'sample']).toContain(listing.source);
    expect(all.experts.every((e) => e.source === 'sample')).toBe(true);
  });

  it('when the seeds are browsed, then every county, field and kind is used', () => {
    const listings = Object.values(all).flat();
    expect(new Set(listings.map((l) => l.county))).toEqual(new Set(VOCAB.county));
    expect(new Set(all.platforms.flatMap((l) => l.fields))).toEqual(new Set(VOCAB.field));
    expect(new Set(all.platforms.map((l) => l.kind))).toEqual(new Set(VOCAB.platformKind));
  });

  it('when sample people are listed, then none carries a phone number or an e-mail address', () => {
    const text = JSON.stringify(all.experts);
    expect(text).not.toMatch(/@|\b1[3-9]\d{9}\b|\d{3,4}-\d{7,8}/);
  });

  it('when an expert works at a seeded institution, then the expert is linked to it by id', () => {
    const linked = all.experts.filter((e) => e.institutionId !== null);
    expect(linked.length).toBeGreaterThan(20);
    for (const e of linked) {
      expect(all.institutions.find((i) => i.id === e.institutionId)?.name).toBe(e.affiliation);
    }
  });

  it('when the generator runs again, then it writes the committed files byte for byte', () => {
    const { dir, remove } = tempDir('cjd-seeds-');
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'seeds/generate.ts', dir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      for (const name of ['platforms', 'institutions', 'experts', 'apartments']) {
        expect(readFileSync(join(dir, `${name}.json`), 'utf8')).toBe(readFileSync(join(SEEDS_DIR, `${name}.json`), 'utf8'));
      }
    } finally {
      remove();
    }
  });
});
