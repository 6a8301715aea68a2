/** The back office's list of one collection: text search, filters on its codes, status, staleness and paging. */
import { z } from 'zod';
import { coded } from '../core/messages.js';
import { editableFields, type CollectionDef, type Listing } from '../collections/define.js';
import type { FieldSpec } from '../collections/field-spec.js';
import type { ListingService } from '../collections/listing-service.js';
import { VOCAB, vocabLabelKey, type VocabName } from '../collections/vocab.js';
import type { Db } from '../db/connection.js';
import type { Translate } from '../i18n/i18n.js';
import { PageParam } from './page.js';

/** A listing counts as stale when nobody has touched it for this long. */
export const STALE_MS = 365 * 24 * 3600 * 1000;

export const PER_PAGE = 50;

/** The fields a list can be filtered on: every single-code field of the declaration (county included). */
export function filterFields(def: CollectionDef): [string, VocabName][] {
  return editableFields(def)
    .filter((entry): entry is [string, Extract<FieldSpec, { type: 'code' }>] => entry[1].type === 'code')
    .map(([name, spec]) => [name, spec.vocab]);
}

/** The list's query string, checked against the collection's vocabularies. */
export function browseSchema(def: CollectionDef) {
  const shape: Record<string, z.ZodType> = {
    q: z.string(coded('text')).trim().max(200, coded('maxChars')).default(''),
    status: z.enum(['active', 'archived', 'all'], coded('choose')).default('all'),
    stale: z.enum(['', '1'], coded('choose')).default(''),
    page: PageParam,
  };
  for (const [name, vocab] of filterFields(def)) {
    shape[name] = z.enum(['', ...VOCAB[vocab]], coded('choose')).default('');
  }
  return z.object(shape);
}

export type BrowseQuery = Record<string, string | number>;

export interface BrowsePage {
  total: number;
  page: number;
  pages: number;
  items: Listing[];
}

/** Escapes LIKE's wildcards so a typed `%` or `_` means itself. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** Runs list queries; column names come from the declaration, values are always bound. */
export class ListingBrowser {
  constructor(
    private readonly db: Db,
    private readonly listings: ListingService,
  ) {}

  browse(def: CollectionDef, query: BrowseQuery): BrowsePage {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      args.push(...values);
    };
    const q = String(query.q ?? '');
    if (q) add(`(name LIKE ? ESCAPE '\\' OR nameEn LIKE ? ESCAPE '\\' OR id = ?)`, likePattern(q), likePattern(q), /^\d+$/.test(q) ? Number(q) : -1);
    if (query.status && query.status !== 'all') add('status = ?', query.status);
    if (query.stale) add('updatedAt < ?', new Date(Date.now() - STALE_MS).toISOString());
    for (const [name] of filterFields(def)) if (query[name]) add(`${name} = ?`, query[name]);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db.prepare<unknown[], number>(`SELECT count(*) FROM ${def.name} ${clause}`).pluck().get(...args) ?? 0;
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    const page = Math.min(Number(query.page ?? 1), pages);
    // Ids first: the filter and the order can be answered from the indexes; only one page of rows is read.
    const ids = this.db
      .prepare<unknown[], number>(`SELECT id FROM ${def.name} ${clause} ORDER BY updatedAt DESC, id DESC LIMIT ? OFFSET ?`)
      .pluck()
      .all(...args, PER_PAGE, (page - 1) * PER_PAGE);
    const repo = this.listings.repo(def.name);
    return { total, page, pages, items: ids.map((id) => repo.get(id)!) };
  }

  /** Listings per collection: active, archived, and those not updated for a year. */
  counts(def: CollectionDef): { active: number; archived: number; stale: number } {
    const cutoff = new Date(Date.now() - STALE_MS).toISOString();
    const row = this.db
      .prepare<[string], { active: number; archived: number; stale: number }>(
        `SELECT count(*) FILTER (WHERE status = 'active') AS active, count(*) FILTER (WHERE status = 'archived') AS archived,
         count(*) FILTER (WHERE updatedAt < ?) AS stale FROM ${def.name}`,
      )
      .get(cutoff);
    return row ?? { active: 0, archived: 0, stale: 0 };
  }
}

/** The filter selects of a collection's list, each holding the chosen code. */
export function filterControls(def: CollectionDef, query: BrowseQuery, t: Translate) {
  return filterFields(def).map(([name, vocab]) => ({
    name,
    label: t(`admin.field.${name}`),
    options: [
      { value: '', label: t('admin.list.any'), selected: !query[name] },
      ...VOCAB[vocab].map((code) => ({ value: code, label: t(vocabLabelKey(vocab, code)), selected: query[name] === code })),
    ],
  }));
}
