import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editableFields } from '../../server/collections/define.js';
import { COLLECTIONS } from '../../server/collections/registry.js';
import { messageKeys } from '../../server/i18n/i18n.js';
import { VIEWS_DIR } from '../../server/core/paths.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

describe('back-office strings', () => {
  it('when the two languages are compared, then the back office has the same keys in both', () => {
    const admin = (lang: 'zh' | 'en') => messageKeys(lang).filter((k) => k.startsWith('admin.')).sort();
    expect(admin('en')).toEqual(admin('zh'));
  });

  it('when a form is built for any collection, then every field has a label in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      const keys = new Set(messageKeys(lang));
      for (const def of COLLECTIONS) for (const [name] of editableFields(def)) expect(keys.has(`admin.field.${name}`), `${lang} admin.field.${name}`).toBe(true);
    }
  });

  it('when a view names a literal admin string, then that string exists', () => {
    const keys = new Set(messageKeys('zh'));
    const used = files(join(VIEWS_DIR, 'admin')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/t\('(admin\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !keys.has(key) && !key.endsWith('.'))).toEqual([]);
  });
});
