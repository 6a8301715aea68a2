/** The shape of a collection declaration and the fields every listing shares. */
import { z } from 'zod';
import { codedIssue, type Message, type MessageCode } from '../core/messages.js';
import { fieldSchema, type FieldSpec, type FieldSpecs } from './field-spec.js';

export const COLLECTION_NAMES = ['platforms', 'institutions', 'experts', 'apartments'] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];

/** Filter parameters of the search API that read a listing's own field. */
export const FACET_PARAMS = ['collection', 'county', 'field', 'kind', 'level', 'type', 'category'] as const;
export type FacetParam = (typeof FACET_PARAMS)[number];

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

export interface CollectionDef {
  name: CollectionName;
  /** The collection's own fields, in form order. */
  own: FieldSpecs;
  /** Which facet parameters this collection answers, and the own field each reads. */
  facets: Partial<Record<Exclude<FacetParam, 'collection' | 'county' | 'field'>, string>>;
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
  const unknownKeys = (issue: { code?: string }): MessageCode => (issue.code === 'unrecognized_keys' ? 'unknownKeys' : 'notObject');
  return z.strictObject(shape, { error: unknownKeys }).superRefine((value, ctx) => {
    for (const issue of def.refine?.(value) ?? []) {
      ctx.addIssue({ ...codedIssue(issue.message.code, issue.message.params), path: [issue.path] });
    }
  });
}

/** Declares a collection; the only place its fields are written. */
export function defineCollection(def: CollectionDef): CollectionDef {
  return def;
}

/** The editable part of a stored listing, as an update expects it. */
export function editableValues(def: CollectionDef, listing: Listing): ListingInput {
  return Object.fromEntries(editableFields(def).map(([key]) => [key, listing[key]]));
}
