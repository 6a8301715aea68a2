/** The shape of a collection declaration and the fields every listing shares. */
import { z } from 'zod';
import { fieldSchema, type FieldSpec, type FieldSpecs } from './field-spec.js';

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

export interface CrossFieldIssue {
  path: string;
  message: string;
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
  /** The requests its pages take: a cooperation request, or a request for housing; none when absent. */
  contact?: ContactKind;
}

/** The kinds of request the public pages send to the bureau's inbox. */
export const CONTACT_KINDS = ['cooperation', 'housing'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** Every editable field of a collection, common first. */
export function editableFields(def: CollectionDef): [string, FieldSpec][] {
  return [...Object.entries(COMMON_FIELDS), ...Object.entries(def.own)] as [string, FieldSpec][];
}

/** The zod schema of a collection's editable fields, cross-field rules included. */
export function inputSchema(def: CollectionDef) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of editableFields(def)) shape[key] = fieldSchema(spec);
  return z.object(shape).strict().superRefine((value, ctx) => {
    for (const issue of def.refine?.(value) ?? []) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
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
