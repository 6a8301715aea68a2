/** Exports a collection or a public search result as CSV (UTF-8 with BOM, formulas neutralised) or JSON, streamed. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { editableFields, type CollectionDef } from '../collections/define.js';
import type { ListingService } from '../collections/listing-service.js';
import { COLLECTIONS, getCollection } from '../collections/registry.js';
import type { SearchService } from '../../search/search-service.js';
import type { SearchQuery } from '../../search/core/types.js';
import { BOM, fieldCell, neutralise } from './cells.js';

export type ExportFormat = 'csv' | 'json';

/** The columns of a collection's CSV: `id`, its editable fields, then bookkeeping (read back on import: source, status, version). */
export function collectionColumns(def: CollectionDef): string[] {
  return ['id', ...editableFields(def).map(([name]) => name), 'source', 'status', 'version', 'createdAt', 'updatedAt'];
}

/** Columns of a search result spanning several collections: every field of any of them, once. */
function searchColumns(defs: readonly CollectionDef[]): string[] {
  const fields = new Set(defs.flatMap((def) => editableFields(def).map(([name]) => name)));
  return ['collection', 'id', ...fields, 'source', 'status', 'updatedAt', 'url'];
}

/** A listing as a CSV row of `columns`; fields the listing's collection lacks stay empty. */
function row(columns: string[], listing: Record<string, unknown>): string[] {
  const def = getCollection(String(listing.collection));
  return columns.map((name) => (name in listing ? fieldCell(def, name, listing[name]) : ''));
}

async function send(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes listings in batches, so a large export never sits in memory whole. */
async function writeAll(out: Writable, format: ExportFormat, columns: string[], listings: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>): Promise<void> {
  await send(out, format === 'csv' ? BOM + stringify([columns.map(neutralise)]) : '[');
  let batch: Record<string, unknown>[] = [];
  let separator = '\n';
  const flush = async () => {
    if (batch.length === 0) return;
    if (format === 'csv') await send(out, stringify(batch.map((listing) => row(columns, listing))));
    else await send(out, separator + batch.map((listing) => JSON.stringify(listing)).join(',\n'));
    separator = ',\n';
    batch = [];
  };
  for await (const listing of listings) {
    batch.push(listing);
    if (batch.length >= 500) await flush();
  }
  await flush();
  if (format === 'json') await send(out, '\n]\n');
  out.end();
}

/** Every listing of a collection, archived ones included, in id order. */
export function exportCollection(listings: ListingService, def: CollectionDef, format: ExportFormat, out: Writable): Promise<void> {
  return writeAll(out, format, collectionColumns(def), listings.repo(def.name).iterate());
}

/** The CSV header of an empty collection file, for staff filling a spreadsheet. */
export function templateCsv(def: CollectionDef): string {
  return BOM + stringify([collectionColumns(def).filter((c) => !['version', 'createdAt', 'updatedAt'].includes(c))]);
}

/** Every hit of a public search, page after page, without the highlight markup. */
async function* searchHits(search: SearchService, query: SearchQuery): AsyncGenerator<Record<string, unknown>> {
  const perPage = 100;
  for (let page = 1; ; page++) {
    const result = await search.search({ ...query, page, perPage });
    for (const { highlight: _highlight, ...hit } of result.hits) yield hit;
    if (result.hits.length < perPage || page * perPage >= result.total) return;
  }
}

/** Every result of a public search (all its pages) as CSV or JSON. */
export function exportSearch(search: SearchService, query: SearchQuery, format: ExportFormat, out: Writable): Promise<void> {
  const wanted = query.filters.collection;
  const defs = wanted?.length ? COLLECTIONS.filter((def) => wanted.includes(def.name)) : COLLECTIONS;
  return writeAll(out, format, searchColumns(defs), searchHits(search, query));
}
