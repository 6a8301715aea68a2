/** The shape of a collection declaration and the fields every listing shares. */
import { z } from 'zod';
import { codedIssue, type Message, type MessageCode } from '../core/messages.js';
import { emptyValue, fieldSchema, type FieldSpec, type FieldSpecs } from './field-spec.js';

export const COLLECTION_NAMES = ['platforms', 'institutions', 'experts', 'apartments'] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

/** Editable fields that every listing has, in form order. */
export const COMMON_FIELDS = {
  name: { type: 'text', max: 120, required: true },
  nameEn: { type: 'text', max: 200 },
  summary: { type: 'text', max: 2000, multiline: true },
  summaryEn: { type: 'text', max: 4000, multiline: true },
  county: { type: 'code', vocab: 'county' },
  fields: { type: 'codes', vocab: 'field', min: 1, max: 6 },
} satisfies FieldSpecs;

/** A listing as the API shows it: common fields, bookkeeping and the collection's own fields. */
export interface Listing {
  id: number;
  collection: CollectionName;
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  county: string;
  fields: string[];
  source: 'report-2022' | 'sample' | 'staff';
  status: 'active' | 'archived';
  createdAt: string;
  updatedAt: string;
  version: number;
  [own: string]: unknown;
}

/** The editable part of a listing, as a form or an import supplies it. */
export type ListingInput = Record<string, unknown>;

/** A rule across fields that a listing breaks: the field it concerns and what is wrong. */
export interface CrossFieldIssue {
  path: string;
  message: Message;
}

/** Facet parameters a collection answers beside the common ones, each with the own field it reads. */
export type OwnFacets = Record<string, string>;

export interface CollectionDef<F extends OwnFacets = OwnFacets> {
  name: CollectionName;
  /** The collection's own fields, in form order. */
  own: FieldSpecs;
  /**
   * Which facet parameters this collection answers beside `collection`, `county` and `field`, and the own `code`
   * or `codes` field each reads (see `facets.ts`).
   */
  facets: F;
  /** Own fields that name or describe the listing in keywords (weighted between name and summary). */
  keywords: string[];
  /** Rules across fields, checked after each field is valid. */
  refine?: (input: ListingInput) => CrossFieldIssue[];
  /**
   * The requests its pages take: a cooperation request (which also makes its listings partners a need can name),
   * or a request for housing; none when absent.
   */
  contact?: ContactKind;
  /** With housing requests: the fields the page's how-to-apply box states the cost by (the rent, and whether furnished). */
  applyTerms?: { rent: string; furnished: string };
  /** Listings are people: their contact form says a person's own contact details are never shown. */
  personal?: boolean;
  /** Own or common fields a card shows under the name, in order: enough to tell namesakes apart. */
  cardLines?: string[];
  /** Text fields added to the name in the page title (in the reader's language), for collections with namesakes. */
  titleFields?: string[];
  /** The groups of related listings its page shows, in order. */
  related?: RelatedListings[];
  /** Units it offers and how many are free: a listing is `available` while any is free; stats add both up. */
  capacity?: { total: string; free: string };
  /** A code field whose vocabulary ranks listings, earlier codes first, listings without it after (quality). */
  rankedBy?: string;
  /** Its section of the stats page: where it stands and the fields it is counted by. */
  stats?: StatsDeclaration;
}

/** Listings related to one on its page. */
export type RelatedListings =
  /** Active listings of `collection` that share one of its fields, or its county. */
  | { by: 'field' | 'county'; collection: CollectionName }
  /** The listing its `ref` field points at; `group` names the group's id and title (`site.related.<group>`). */
  | { by: 'reference'; field: string; group: string }
  /** Listings of `collection` whose `ref` field points at it; `group` as above. */
  | { by: 'referrers'; collection: CollectionName; field: string; group: string };

/** What a collection is counted by on the stats page. */
export interface StatsDeclaration {
  /** The section's place on the page, lowest first. */
  position: number;
  /** Its charts, in order. */
  charts: StatsChart[];
}

/** A chart of the stats page: listings (or, with a capacity, units) per code of a code field. */
export interface StatsChart {
  /** Names the chart on the page and its title (`site.stats.chart.<id>`). */
  id: string;
  /** The code field counted, common (county, fields) or own. */
  field: string;
  /** Codes in vocabulary order, or by `count`, most first. */
  order?: 'count';
}

/** The kinds of request the public pages send to the bureau's inbox. */
export const CONTACT_KINDS = ['cooperation', 'housing'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Every editable field of a collection, common first. */
export function editableFields(def: CollectionDef): [string, FieldSpec][] {
  return [...Object.entries(COMMON_FIELDS), ...Object.entries(def.own)] as [string, FieldSpec][];
}

/** The zod schema of a collection's editable fields, cross-field rules included; a field left out is empty (`emptyValue`). */
export function inputSchema(def: CollectionDef) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of editableFields(def)) {
    const empty = emptyValue(spec);
    shape[key] = empty === undefined ? fieldSchema(spec) : fieldSchema(spec).default(() => structuredClone(empty));
  }
  const unknownKeys = (issue: { code?: string }): MessageCode => (issue.code === 'unrecognized_keys' ? 'unknownKeys' : 'notObject');
  return z.strictObject(shape, { error: unknownKeys }).superRefine((value, ctx) => {
    for (const issue of def.refine?.(value) ?? []) {
      ctx.addIssue({ ...codedIssue(issue.message.code, issue.message.params), path: [issue.path] });
    }
  });
}

/** Declares a collection; the only place its fields are written. Its facet parameters keep their literal names. */
export function defineCollection<const F extends OwnFacets>(def: CollectionDef<F>): CollectionDef<F> {
  return def;
}

/** The editable part of a stored listing, as an update expects it. */
export function editableValues(def: CollectionDef, listing: Listing): ListingInput {
  return Object.fromEntries(editableFields(def).map(([key]) => [key, listing[key]]));
}
