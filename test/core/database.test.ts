import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { editableValues, type Listing } from '../../server/collections/define.js';
import { getCollection } from '../../server/collections/registry.js';
import { loadConfig } from '../../server/core/config.js';
import { englishDetails } from '../../server/core/messages.js';
import { buildContext, type AppContext } from '../../server/context.js';
import { tempDir } from '../helpers/context.js';

const opened: AppContext[] = [];
const dirs: (() => void)[] = [];

async function open(dir: string, env: Record<string, string> = {}): Promise<AppContext> {
  const ctx = await buildContext(loadConfig({ DATABASE_PATH: join(dir, 'nested', 'directory.db'), ...env }));
  opened.push(ctx);
  return ctx;
}

afterEach(async () => {
  for (const ctx of opened.splice(0)) await ctx.close().catch(() => undefined);
  for (const remove of dirs.splice(0)) remove();
});

function newDir(): string {
  const { dir, remove } = tempDir();
  dirs.push(remove);
  return dir;
}

function counts(ctx: AppContext): Record<string, number> {
  return Object.fromEntries(['platforms', 'institutions', 'experts', 'apartments'].map((c) => [c, ctx.listings.repo(c).count()]));
}

describe('database lifecycle', () => {
  it('when the database file and its folder are missing, then start creates them, migrates and seeds once', async () => {
    const dir = newDir();
    const first = await open(dir);
    const seeded = counts(first);
    expect(seeded).toEqual({ platforms: 166, institutions: 9, experts: 120, apartments: expect.any(Number) });
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await first.close();
    opened.length = 0;

    const second = await open(dir);
    expect(counts(second)).toEqual(seeded);
    const migrations = second.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get();
    expect(migrations).toBeGreaterThan(0);
    expect(second.db.prepare('SELECT count(DISTINCT name) FROM schema_migrations').pluck().get()).toBe(migrations);
  });

  it('when SEED is off, then an empty database stays empty', async () => {
    const ctx = await open(newDir(), { SEED: 'off' });
    expect(counts(ctx)).toEqual({ platforms: 0, institutions: 0, experts: 0, apartments: 0 });
  });

  it('when a listing is written through the service, then it survives a restart with its audit entry', async () => {
    const dir = newDir();
    const ctx = await open(dir, { SEED: 'off' });
    const created = ctx.listings.create(
      'institutions',
      { name: '测试理工学院', nameEn: 'Test Institute of Technology', summary: '', summaryEn: '', county: 'changji', fields: ['digital'], type: 'university', location: '昌吉市', locationEn: 'Changji', agreementYear: 2021 },
      { actor: 'tester' },
    );
    const updated = ctx.listings.update('institutions', created.id, { ...pick(created), name: '测试理工大学' }, { actor: 'tester', version: 1 });
    expect(updated.version).toBe(2);
    await ctx.close();
    opened.length = 0;

    const again = await open(dir, { SEED: 'auto' });
    expect(again.listings.get('institutions', created.id)).toMatchObject({ name: '测试理工大学', version: 2, source: 'staff' });
    expect(again.listings.repo('platforms').count()).toBe(0);
    const history = again.audit.forListing('institutions', created.id);
    expect(history.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({ actor: 'tester', before: { name: '测试理工学院' }, after: { name: '测试理工大学' } });
  });

  it('when a save carries an older version, then it is refused with 409 and nothing changes', async () => {
    const ctx = await open(newDir());
    const listing = ctx.listings.get('platforms', 1)!;
    ctx.listings.update('platforms', 1, { ...pick(listing), nameEn: 'First edit' }, { actor: 'a', version: listing.version });
    expect(() => ctx.listings.update('platforms', 1, { ...pick(listing), nameEn: 'Second edit' }, { actor: 'b', version: listing.version })).toThrow(
      expect.objectContaining({ status: 409 }),
    );
    expect(ctx.listings.get('platforms', 1)!.nameEn).toBe('First edit');
  });

  it('when an input breaks a rule across fields, then validation names the field', async () => {
    const ctx = await open(newDir(), { SEED: 'off' });
    const result = ctx.listings.validate('apartments', {
      name: '示例公寓', nameEn: '', summary: '', summaryEn: '', county: 'qitai', fields: ['logistics'], kind: 'talent-apartment',
      township: '老奇台镇', townshipEn: '', address: '', addressEn: '', units: 10, availableUnits: 12, areaSqm: 60, furnished: true, monthlyRent: 0,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(englishDetails(result.details)).toEqual({ availableUnits: 'cannot exceed units' });
  });

  it('when an input leaves out fields that may be blank, then they are stored blank; fields that must be given are still named', async () => {
    const ctx = await open(newDir(), { SEED: 'off' });
    const listing = ctx.listings.create('apartments', { name: '示例公寓', county: 'qitai', fields: ['logistics'], kind: 'talent-apartment', township: '老奇台镇', units: 10, availableUnits: 2, monthlyRent: 0 }, { actor: 'test' });
    expect(pick(listing)).toEqual({
      name: '示例公寓', nameEn: '', summary: '', summaryEn: '', county: 'qitai', fields: ['logistics'], kind: 'talent-apartment',
      township: '老奇台镇', townshipEn: '', address: '', addressEn: '', units: 10, availableUnits: 2, areaSqm: null, furnished: false, monthlyRent: 0,
    });
    const result = ctx.listings.validate('apartments', { name: '示例公寓' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.details).sort()).toEqual(['availableUnits', 'county', 'fields', 'kind', 'monthlyRent', 'township', 'units']);
  });
});

function pick(listing: Listing): Record<string, unknown> {
  return editableValues(getCollection(listing.collection), listing);
}
