/** Turns listings into what a page shows: text in the reader's language, codes as labels linked to the filtered search. */
import { COMMON_FIELDS, editableFields, type CollectionDef, type CollectionName, type Listing } from '../collections/define.js';
import { FACET_BY_PARAM, facetOfField, type FacetParam } from '../collections/facets.js';
import type { FieldSpec } from '../collections/field-spec.js';
import { getCollection } from '../collections/registry.js';
import { VOCAB_LABEL_GROUP, type VocabName } from '../collections/vocab.js';
import { numberFormatter, type Lang, type Translate } from '../i18n/i18n.js';
import { searchHref } from './urls.js';

/** One shown value: its text and, when it leads somewhere, a link. */
export interface Shown {
  text: string;
  href?: string;
}

/** A labelled field of a listing as a page lists it. */
export interface Attribute {
  key: string;
  label: string;
  values: Shown[];
}

/** What a result or related-listing card shows. */
export interface Card {
  href: string;
  collection: string;
  name: string;
  summary: string;
  meta: string[];
  fields: Shown[];
  sample: boolean;
}

const HIDDEN = new Set(['name', 'nameEn', 'summary', 'summaryEn']);

function isPresent(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : value != null && value !== '';
}

/** The value of a field in the chosen language where it exists (`key` or `keyEn`), else in the other. */
export function localizedValue(listing: Record<string, unknown>, key: string, lang: Lang): unknown {
  const zh = listing[key];
  const en = listing[key + 'En'];
  const [first, second] = lang === 'en' ? [en, zh] : [zh, en];
  return isPresent(first) ? first : second;
}

/** A localized text field, '' when neither language has it. */
export function localized(listing: Record<string, unknown>, key: string, lang: Lang): string {
  const value = localizedValue(listing, key, lang);
  return value == null ? '' : String(value);
}

/** Looks up a listing another one points at; only public listings are linked. */
export type ListingLookup = (collection: string, id: number) => Listing | undefined;

export class Presenter {
  constructor(
    private readonly t: Translate,
    private readonly lang: Lang,
    private readonly lookup: ListingLookup = () => undefined,
  ) {}

  /** The label of a code of a vocabulary. */
  code(vocab: VocabName, code: string): string {
    return this.codeLabel(VOCAB_LABEL_GROUP[vocab], code);
  }

  /** The label of a facet value, from its facet's label group. */
  facetValue(param: FacetParam, code: string): string {
    return this.codeLabel(FACET_BY_PARAM[param].labelGroup, code);
  }

  /** The label of a code of a label group (`vocab.<group>.<code>`), kept once looked up. */
  private codeLabel(group: string, code: string): string {
    const groups = CODE_LABELS[this.lang];
    let labels = groups.get(group);
    if (!labels) groups.set(group, (labels = new Map()));
    let label = labels.get(code);
    if (label === undefined) labels.set(code, (label = this.t(`vocab.${group}.${code}`)));
    return label;
  }

  text(listing: Listing, key: string): string {
    return localized(listing, key, this.lang);
  }

  /** Every public field of a listing except its name and summary, in declaration order. */
  attributes(listing: Listing): Attribute[] {
    const def = getCollection(listing.collection);
    const keys = new Set(editableFields(def).map(([k]) => k));
    const out: Attribute[] = [];
    for (const [key, spec] of editableFields(def)) {
      if (HIDDEN.has(key) || (key.endsWith('En') && keys.has(key.slice(0, -2)))) continue;
      const attr = this.attribute(listing, key, spec, def);
      if (attr) out.push(attr);
    }
    return out;
  }

  /** A listing as a card: localized name, summary and the few fields that identify it. */
  card(listing: Listing, href = `/${listing.collection}/${listing.id}`): Card {
    const def = getCollection(listing.collection);
    const fields = fieldInfo(def);
    const meta: string[] = [];
    for (const key of def.cardLines ?? []) {
      const values = this.values(listing, key, fields.get(key)!.spec, def);
      if (values.length) meta.push(values.map((v) => v.text).join(this.t('site.listSeparator')));
    }
    return {
      href,
      collection: this.facetValue('collection', def.name),
      name: this.text(listing, 'name'),
      summary: this.text(listing, 'summary'),
      meta,
      fields: this.values(listing, 'fields', COMMON_FIELDS.fields, def),
      sample: listing.source === 'sample',
    };
  }

  private attribute(listing: Listing, key: string, spec: FieldSpec, def: CollectionDef): Attribute | null {
    const values = this.values(listing, key, spec, def);
    return values.length ? { key, label: this.t(`site.attr.${key}`), values } : null;
  }

  private values(listing: Listing, key: string, spec: FieldSpec, def: CollectionDef): Shown[] {
    const value = listing[key];
    switch (spec.type) {
      case 'text':
        return nonEmpty(this.text(listing, key));
      case 'list':
        return asStrings(localizedValue(listing, key, this.lang)).map((text) => ({ text }));
      case 'code':
        return value == null ? [] : [this.codeValue(def, key, spec.vocab, String(value))];
      case 'codes':
        return (value as string[]).map((code) => this.codeValue(def, key, spec.vocab, code));
      case 'int':
        return value == null ? [] : [{ text: this.number(listing, def, key, spec, Number(value)) }];
      case 'bool':
        return [{ text: this.t(value ? 'site.yes' : 'site.no') }];
      case 'ref':
        return value == null ? [] : this.reference(spec.collection, Number(value));
    }
  }

  /** A code shown as its label, linked to the search filtered by it when it is a facet. */
  private codeValue(def: CollectionDef, key: string, vocab: VocabName, code: string): Shown {
    const field = fieldInfo(def).get(key)!;
    const text = this.code(vocab, code);
    if (!field.param) return { text };
    let href = field.hrefs.get(code);
    if (href === undefined) field.hrefs.set(code, (href = searchHref({ collection: def.name, [field.param]: code })));
    return { text, href };
  }

  /** A number with its declared unit; the free part of a capacity as "n free of total"; else as written (years). */
  private number(listing: Listing, def: CollectionDef, key: string, spec: Extract<FieldSpec, { type: 'int' }>, value: number): string {
    const format = numberFormatter(this.lang);
    const n = format(value);
    if (def.capacity?.free === key) return this.t('site.unit.freeOf', { n, total: format(Number(listing[def.capacity.total])) });
    if (value === 0 && spec.zero) return this.t(`site.unit.${spec.zero}`);
    return spec.unit ? this.t(`site.unit.${spec.unit}`, { n }) : String(value);
  }

  private reference(collection: string, id: number): Shown[] {
    const target = this.lookup(collection, id);
    if (!target || target.status !== 'active') return [];
    return [{ text: this.text(target, 'name'), href: `/${collection}/${id}` }];
  }
}

/** A field of a collection as cards show it: its spec, the facet parameter it answers and the links made so far. */
interface FieldInfo {
  spec: FieldSpec;
  param?: FacetParam;
  /** The search filtered by one of the field's codes, by code. */
  hrefs: Map<string, string>;
}

const FIELD_INFO = new Map<CollectionName, Map<string, FieldInfo>>();

/** A collection's fields by key, built once per process: every card of every page reads them. */
function fieldInfo(def: CollectionDef): Map<string, FieldInfo> {
  let fields = FIELD_INFO.get(def.name);
  if (!fields) {
    fields = new Map(editableFields(def).map(([key, spec]) => [key, { spec, param: facetOfField(def, key), hrefs: new Map() }]));
    FIELD_INFO.set(def.name, fields);
  }
  return fields;
}

/**
 * The labels of codes in each language by label group, kept once looked up: cards and facets label the same few
 * codes over and over, and building each code's message key and looking it up was a tenth of the cards' time.
 * A presenter's `t` is the translator of its `lang`, so a label depends on the language and the code alone; codes
 * come from stored listings and validated search parameters, so the groups stay as small as the vocabularies.
 */
const CODE_LABELS: Record<Lang, Map<string, Map<string, string>>> = { zh: new Map(), en: new Map() };

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function nonEmpty(text: string): Shown[] {
  return text ? [{ text }] : [];
}
