/** Every write to a listing: validated, in one transaction with its audit entry and its change listeners. */
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/connection.js';
import { AppError, notFound } from '../core/app-error.js';
import { issuesToMessages, message, type FieldMessages } from '../core/messages.js';
import { inputSchema, type CollectionName, type Listing, type ListingInput } from './define.js';
import { ListingRepo } from './listing-repo.js';
import { COLLECTIONS, getCollection } from './registry.js';

export type ChangeAction = 'create' | 'update' | 'archive' | 'restore' | 'delete';

export interface ListingChange {
  action: ChangeAction;
  collection: CollectionName;
  id: number;
  before: Listing | null;
  after: Listing | null;
  actor: string;
  /** Listings of other collections whose shown data depends on this one (e.g. experts of a renamed institution). */
  dependents: { collection: CollectionName; id: number }[];
}

/** Runs inside the write transaction: a throw rolls the whole change back. */
export type ChangeListener = (change: ListingChange) => void;

export type Validation = { ok: true; value: ListingInput } | { ok: false; details: FieldMessages };

export interface WriteOptions {
  actor: string;
  /** The version the writer saw; a newer stored version answers 409. */
  version?: number;
}

export class ListingService {
  private readonly repos = new Map<CollectionName, ListingRepo>();
  private readonly schemas = new Map(COLLECTIONS.map((def) => [def.name, inputSchema(def)]));
  private readonly listeners: ChangeListener[] = [];
  /** `getMany`'s reads in one transaction, wrapped once: better-sqlite3 builds a wrapper anew at every call. */
  private readonly readMany: (keys: { collection: string; id: number }[]) => (Listing | undefined)[];

  constructor(private readonly db: Db) {
    for (const def of COLLECTIONS) this.repos.set(def.name, new ListingRepo(db, def));
    this.readMany = db.transaction((keys: { collection: string; id: number }[]) => keys.map((key) => this.repo(key.collection).get(key.id)));
  }

  /** The repository of a collection (404 for an unknown name). */
  repo(collection: string): ListingRepo {
    return this.repos.get(getCollection(collection).name)!;
  }

  /** Registers a listener that runs inside every write transaction. */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  get(collection: string, id: number): Listing | undefined {
    return this.repo(collection).get(id);
  }

  /** Several listings read in one transaction: one snapshot, and far cheaper than an autocommit read each. */
  getMany(keys: { collection: string; id: number }[]): (Listing | undefined)[] {
    return this.readMany(keys);
  }

  /** An active listing, or 404: archived listings are never public. */
  getPublic(collection: string, id: number): Listing {
    const listing = this.repo(collection).get(id);
    if (!listing || listing.status !== 'active') throw notFound(`no ${collection} listing with id ${id}`);
    return listing;
  }

  /** Checks an input against the collection's declaration and its references. */
  validate(collection: string, input: unknown): Validation {
    const result = this.schemas.get(getCollection(collection).name)!.safeParse(input);
    if (!result.success) return { ok: false, details: issuesToMessages(result.error) };
    const details = this.checkReferences(collection, result.data);
    return Object.keys(details).length ? { ok: false, details } : { ok: true, value: result.data };
  }

  private checkReferences(collection: string, value: ListingInput): FieldMessages {
    const details: FieldMessages = {};
    for (const [key, spec] of Object.entries(getCollection(collection).own)) {
      if (spec.type === 'ref' && value[key] != null && !this.repo(spec.collection).get(Number(value[key]))) {
        details[key] = message('noListing', { collection: spec.collection, id: Number(value[key]) });
      }
    }
    return details;
  }

  private validOrThrow(collection: string, input: unknown): ListingInput {
    const v = this.validate(collection, input);
    if (!v.ok) throw new AppError('validation', 400, 'invalid listing', v.details);
    return v.value;
  }

  create(collection: string, input: unknown, opts: WriteOptions & { source?: 'report-2022' | 'sample' | 'staff' }): Listing {
    const value = this.validOrThrow(collection, input);
    return inTransaction(this.db, () => this.insertValid(collection, value, opts.actor, opts.source ?? 'staff'));
  }

  /** Creates many listings in one transaction: all of them, or none. */
  createMany(collection: string, inputs: unknown[], opts: WriteOptions & { source?: 'report-2022' | 'sample' | 'staff' }): Listing[] {
    const values = inputs.map((input) => this.validOrThrow(collection, input));
    return inTransaction(this.db, () => values.map((v) => this.insertValid(collection, v, opts.actor, opts.source ?? 'staff')));
  }

  /** Inserts an already validated input (under `id` when given and free); the caller holds the transaction. */
  insertValid(collection: string, value: ListingInput, actor: string, source: string, id?: number): Listing {
    const repo = this.repo(collection);
    const stored = repo.insert(value, source, new Date().toISOString(), id);
    const after = repo.get(stored)!;
    this.emit({ action: 'create', collection: repo.def.name, id: stored, before: null, after, actor, dependents: [] });
    return after;
  }

  update(collection: string, id: number, input: unknown, opts: WriteOptions): Listing {
    const value = this.validOrThrow(collection, input);
    return inTransaction(this.db, () => this.write(collection, id, 'update', opts, (before) => ({ ...value, status: before.status })));
  }

  archive(collection: string, id: number, opts: WriteOptions): Listing {
    return inTransaction(this.db, () => this.write(collection, id, 'archive', opts, () => ({ status: 'archived' })));
  }

  restore(collection: string, id: number, opts: WriteOptions): Listing {
    return inTransaction(this.db, () => this.write(collection, id, 'restore', opts, () => ({ status: 'active' })));
  }

  /**
   * Deletes a listing for good (admins only, enforced by the caller). Listings that refer to it lose the reference
   * first, each as a change of its own (version, time, audit entry, index), in the same transaction.
   */
  remove(collection: string, id: number, opts: WriteOptions): void {
    inTransaction(this.db, () => {
      const repo = this.repo(collection);
      const before = this.current(repo, id, opts.version);
      for (const ref of this.references(repo.def.name, id)) {
        this.write(ref.collection, ref.id, 'update', { actor: opts.actor }, () => ({ [ref.field]: null }));
      }
      repo.delete(id);
      this.emit({ action: 'delete', collection: repo.def.name, id, before, after: null, actor: opts.actor, dependents: [] });
    });
  }

  /** How many listings of each collection refer to (collection, id): what a deletion would change besides it. */
  referringCounts(collection: string, id: number): { collection: CollectionName; count: number }[] {
    const counts = new Map<CollectionName, number>();
    for (const ref of this.references(getCollection(collection).name, id)) counts.set(ref.collection, (counts.get(ref.collection) ?? 0) + 1);
    return [...counts].map(([name, count]) => ({ collection: name, count }));
  }

  private current(repo: ListingRepo, id: number, version: number | undefined): Listing {
    const before = repo.get(id);
    if (!before) throw notFound(`no ${repo.def.name} listing with id ${id}`);
    if (version !== undefined && version !== before.version) throw conflict(before, version);
    return before;
  }

  private write(collection: string, id: number, action: ChangeAction, opts: WriteOptions, patch: (before: Listing) => ListingInput): Listing {
    const repo = this.repo(collection);
    const before = this.current(repo, id, opts.version);
    const next = { ...before, ...patch(before) };
    if (!repo.update(id, before.version, next, String(next.status), new Date().toISOString())) throw conflict(repo.get(id) ?? before, before.version);
    const after = repo.get(id)!;
    this.emit({ action, collection: repo.def.name, id, before, after, actor: opts.actor, dependents: this.dependentsOf(repo.def.name, id) });
    return after;
  }

  /** Listings whose ref fields point at (collection, id). */
  private dependentsOf(collection: CollectionName, id: number): ListingChange['dependents'] {
    return this.references(collection, id).map(({ collection: c, id: depId }) => ({ collection: c, id: depId }));
  }

  /** Each listing whose ref field points at (collection, id), with that field. */
  private references(collection: CollectionName, id: number): { collection: CollectionName; id: number; field: string }[] {
    const out: { collection: CollectionName; id: number; field: string }[] = [];
    for (const def of COLLECTIONS) {
      for (const [key, spec] of Object.entries(def.own)) {
        if (spec.type !== 'ref' || spec.collection !== collection) continue;
        for (const depId of this.repo(def.name).idsReferencing(key, id)) out.push({ collection: def.name, id: depId, field: key });
      }
    }
    return out;
  }

  private emit(change: ListingChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

function conflict(current: Listing, seen: number): AppError {
  return new AppError('conflict', 409, `this listing was changed by someone else (version ${current.version}, you edited version ${seen})`, {
    version: message('currentVersion', { version: current.version }),
  });
}
