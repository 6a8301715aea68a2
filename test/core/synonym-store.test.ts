import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/core/config.js';
import { englishDetails } from '../../server/core/messages.js';
import { buildContext } from '../../server/context.js';
import { openDatabase, type Db } from '../../server/db/connection.js';
import { migrate } from '../../server/db/migrate.js';
import { readDefaultSynonyms } from '../../server/synonyms/default-synonyms.js';
import { SynonymError, SynonymStore } from '../../server/synonyms/synonym-store.js';
import { tempDir } from '../helpers/context.js';

let dir: { dir: string; remove: () => void };
let db: Db;
let store: SynonymStore;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.dir, 'test.db'));
  migrate(db);
  store = new SynonymStore(db);
});
afterEach(() => {
  db.close();
  dir.remove();
});

/** The error a write throws (and fails when it does not throw). */
function refusal(write: () => unknown): SynonymError {
  try {
    write();
  } catch (err) {
    expect(err).toBeInstanceOf(SynonymError);
    return err as SynonymError;
  }
  throw new Error('the write was not refused');
}

function auditRows(): { action: string; actor: string; listingId: number; before: string | null; after: string | null }[] {
  return db.prepare("SELECT * FROM audit_log WHERE action LIKE 'synonym.%' ORDER BY id").all() as never;
}

describe('checking a rule', () => {
  it('when terms are typed with spaces, full-width letters and capitals, then they are stored folded', () => {
    const rule = store.create({ kind: 'equivalent', terms: ['  Ｒ＆Ｄ ', 'Research   and Development', '研发'] }, 'wang');
    expect(rule.terms).toEqual(['r&d', 'research and development', '研发']);
    expect(store.get(rule.id)).toMatchObject({ kind: 'equivalent', terms: ['r&d', 'research and development', '研发'], version: 1, note: '' });
  });

  it('when a rule breaks the limits, then each bad field is named and nothing is stored', () => {
    expect(englishDetails(refusal(() => store.create({ kind: 'both', terms: ['a', 'b'] }, 'wang')).details)).toEqual({ kind: 'must be one of: equivalent, oneway' });
    expect(englishDetails(refusal(() => store.create({ kind: 'oneway', terms: ['工程中心'] }, 'wang')).details)).toEqual({ terms: 'at least 2 terms' });
    const many = Array.from({ length: 21 }, (_, i) => `term${i}`);
    expect(englishDetails(refusal(() => store.create({ kind: 'equivalent', terms: many }, 'wang')).details)).toEqual({ terms: 'at most 20 terms' });
    expect(englishDetails(refusal(() => store.create({ kind: 'equivalent', terms: ['x'.repeat(65), 'y'] }, 'wang')).details)).toEqual({ 'terms.0': 'at most 64 characters' });
    expect(englishDetails(refusal(() => store.create({ kind: 'equivalent', terms: ['Lab', 'laboratory', 'LAB'] }, 'wang')).details)).toEqual({ 'terms.2': 'appears twice in this rule' });
    expect(englishDetails(refusal(() => store.create({ kind: 'equivalent', terms: ['lab', '   '] }, 'wang')).details)).toEqual({ 'terms.1': 'required' });
    expect(englishDetails(refusal(() => store.create({ kind: 'equivalent', terms: ['lab', '。？'] }, 'wang')).details)).toEqual({ 'terms.1': 'needs a letter or a digit' });
    expect(englishDetails(refusal(() => store.create({ kind: 'equivalent', terms: ['lab', 'la\u0000b'] }, 'wang')).details)).toEqual({ 'terms.1': 'contains characters that are not allowed' });
    expect(store.count()).toBe(0);
    expect(auditRows()).toEqual([]);
  });

  it('when a 64-character term of Chinese is given, then it is accepted (characters, not bytes, are counted)', () => {
    expect(store.create({ kind: 'oneway', terms: ['院'.repeat(64), '院士'] }, 'wang').terms[0]).toHaveLength(64);
  });

  it('when the same rule exists in another order or spelling, then the new one is refused and names it', () => {
    const first = store.create({ kind: 'equivalent', terms: ['lab', 'laboratory'] }, 'wang');
    expect(englishDetails(refusal(() => store.create({ kind: 'equivalent', terms: ['Laboratory', 'LAB'] }, 'wang')).details)).toEqual({ terms: `the same rule exists: #${first.id}` });
    // A one-way rule in the other direction is another rule.
    expect(store.create({ kind: 'oneway', terms: ['laboratory', 'lab'] }, 'wang').kind).toBe('oneway');
  });
});

describe('writing a rule', () => {
  it('when a rule is created, edited and removed, then each change has its readable audit entry', () => {
    const rule = store.create({ kind: 'oneway', terms: ['工程中心', '工程技术研究中心'], note: '简称' }, 'wang');
    const edited = store.update(rule.id, { kind: 'oneway', terms: ['工程中心', '工程技术研究中心', '工程研究中心'], note: '简称' }, 1, 'li');
    expect(edited.version).toBe(2);
    store.remove(rule.id, 'zhao');
    expect(store.get(rule.id)).toBeUndefined();
    const [created, updated, removed] = auditRows();
    expect(created).toMatchObject({ action: 'synonym.create', actor: 'wang', listingId: rule.id, before: null });
    expect(JSON.parse(created!.after!)).toEqual({ rule: '工程中心 → 工程技术研究中心', note: '简称' });
    expect(updated).toMatchObject({ action: 'synonym.update', actor: 'li' });
    expect(JSON.parse(updated!.before!)).toEqual({ rule: '工程中心 → 工程技术研究中心' });
    expect(JSON.parse(updated!.after!)).toEqual({ rule: '工程中心 → 工程技术研究中心, 工程研究中心' });
    expect(removed).toMatchObject({ action: 'synonym.delete', actor: 'zhao', after: null });
    expect(JSON.parse(removed!.before!)).toEqual({ rule: '工程中心 → 工程技术研究中心, 工程研究中心', note: '简称' });
    expect(store.history(rule.id).map((e) => e.action)).toEqual(['synonym.delete', 'synonym.update', 'synonym.create']);
  });

  it('when an edit carries a version that is no longer the stored one, then it is a conflict and nothing changes', () => {
    const rule = store.create({ kind: 'equivalent', terms: ['经开区', '经济技术开发区'] }, 'wang');
    store.update(rule.id, { kind: 'equivalent', terms: ['经开区', '经济技术开发区', 'etdz'] }, 1, 'li');
    const conflict = refusal(() => store.update(rule.id, { kind: 'equivalent', terms: ['经开区', '开发区'] }, 1, 'wang'));
    expect(conflict.status).toBe(409);
    expect(conflict.current?.terms).toEqual(['经开区', '经济技术开发区', 'etdz']);
    expect(store.get(rule.id)?.terms).toEqual(['经开区', '经济技术开发区', 'etdz']);
    expect(refusal(() => store.update(999, { kind: 'equivalent', terms: ['a1', 'b1'] }, 1, 'wang')).status).toBe(404);
    expect(refusal(() => store.remove(rule.id, 'wang', 1)).status).toBe(409);
  });
});

describe('the snapshot search reads', () => {
  it('when nothing changed, then the same snapshot comes back; after a write it has a new version and the rule', () => {
    const before = store.snapshot();
    expect(store.snapshot()).toBe(before);
    const rule = store.create({ kind: 'equivalent', terms: ['centre', 'center'] }, 'wang');
    const after = store.snapshot();
    expect(after.version).not.toBe(before.version);
    expect(after.synonyms).toContainEqual({ id: rule.id, kind: 'equivalent', terms: ['centre', 'center'] });
    expect(Object.isFrozen(after.synonyms)).toBe(true);
  });

  it('when another connection to the same file writes, then the next snapshot sees it', () => {
    const seen = store.snapshot();
    const other = openDatabase(join(dir.dir, 'test.db'));
    try {
      const rule = new SynonymStore(other).create({ kind: 'oneway', terms: ['院士站', '院士专家工作站'] }, 'li');
      const next = store.snapshot();
      expect(next.version).toBeGreaterThan(seen.version);
      expect(next.synonyms.map((s) => s.id)).toContain(rule.id);
      new SynonymStore(other).remove(rule.id, 'li');
      expect(store.snapshot().synonyms.map((s) => s.id)).not.toContain(rule.id);
    } finally {
      other.close();
    }
  });
});

describe('the default list', () => {
  it('when the file is read, then it holds more than 80 valid rules and the abbreviations the directory needs', () => {
    const defaults = readDefaultSynonyms();
    expect(defaults.length).toBeGreaterThan(80);
    for (const [i, rule] of defaults.entries()) expect(store.validate(rule), `rule ${i + 1}`).toMatchObject({ ok: true });
    const rules = defaults.map((r) => JSON.stringify(r));
    for (const term of ['工程中心', '院士站', '经开区', '高新区', '农高区', '中科院', 'caas', 'tbea', 'lab', 'centre', 'pv', 'key laboratory', 'academician']) {
      expect(rules.some((r) => r.includes(`"${term}"`)), term).toBe(true);
    }
  });

  it('when the database starts with SEED=off, edits are made and it starts again, then the list was loaded once and the edits stay', async () => {
    const config = loadConfig({ DATABASE_PATH: join(dir.dir, 'app.db'), SEED: 'off', SESSION_SECRET: 'x'.repeat(40) });
    const first = await buildContext(config);
    const loaded = first.synonyms.list();
    expect(loaded.length).toBe(readDefaultSynonyms().length);
    const kept = first.synonyms.create({ kind: 'equivalent', terms: ['呼图壁', 'hutubi'] }, 'wang');
    for (const rule of loaded) first.synonyms.remove(rule.id, 'wang');
    await first.close();

    const second = await buildContext(config);
    try {
      expect(second.synonyms.list()).toEqual([expect.objectContaining({ id: kept.id, terms: ['呼图壁', 'hutubi'] })]);
      const loads = second.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'synonym.defaults'").pluck().get();
      expect(loads).toBe(1);
    } finally {
      await second.close();
    }
  });
});
