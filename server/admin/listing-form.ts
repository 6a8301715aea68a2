/** The create and edit form of any collection, built from its declaration: one control per editable field. */
import { editableFields, type CollectionDef } from '../collections/define.js';
import type { FieldSpec } from '../collections/field-spec.js';
import type { ListingService } from '../collections/listing-service.js';
import { VOCAB, vocabLabelKey } from '../collections/vocab.js';
import type { Translate } from '../i18n/i18n.js';
import type { RawValue } from '../forms/field-input.js';

export type ControlKind = 'text' | 'textarea' | 'select' | 'checkboxes' | 'number' | 'checkbox';

export interface FormOption {
  value: string;
  label: string;
  selected: boolean;
}

/** What the field partial renders for one field. */
export interface FormControl {
  name: string;
  label: string;
  control: ControlKind;
  value: string;
  options: FormOption[];
  required: boolean;
  hint?: string;
  error?: string;
}

/** Choices of a reference field: the listings of the referenced collection. */
export type ReferenceChoices = (collection: string) => { value: string; label: string }[];

/** Every listing of `collection`, by name, for a select (archived ones are marked, not hidden: they may be referenced). */
export function referenceChoices(listings: ListingService, t: Translate): ReferenceChoices {
  return (collection) => {
    const choices = [];
    for (const listing of listings.repo(collection).iterate()) {
      const archived = listing.status === 'archived' ? ` (${t('vocab.status.archived')})` : '';
      choices.push({ value: String(listing.id), label: `${listing.name}${archived}` });
    }
    return choices;
  };
}

function controlOf(spec: FieldSpec): ControlKind {
  switch (spec.type) {
    case 'text':
      return spec.multiline ? 'textarea' : 'text';
    case 'list':
      return 'textarea';
    case 'code':
    case 'ref':
      return 'select';
    case 'codes':
      return 'checkboxes';
    case 'int':
      return 'number';
    case 'bool':
      return 'checkbox';
  }
}

function optionsOf(spec: FieldSpec, raw: RawValue, t: Translate, refs: ReferenceChoices): FormOption[] {
  const chosen = new Set(Array.isArray(raw) ? raw : [raw ?? '']);
  const mark = (choices: { value: string; label: string }[]) => choices.map((c) => ({ ...c, selected: chosen.has(c.value) }));
  if (spec.type === 'code' || spec.type === 'codes') {
    const codes = VOCAB[spec.vocab].map((code) => ({ value: code, label: t(vocabLabelKey(spec.vocab, code)) }));
    return mark(spec.type === 'code' ? [{ value: '', label: t('admin.form.choose') }, ...codes] : codes);
  }
  if (spec.type === 'ref') return mark([{ value: '', label: t('admin.form.none') }, ...refs(spec.collection)]);
  return [];
}

function control(name: string, spec: FieldSpec, raw: RawValue, error: string | undefined, t: Translate, refs: ReferenceChoices): FormControl {
  const value = Array.isArray(raw) ? '' : (raw ?? '');
  return {
    name,
    label: t(`admin.field.${name}`),
    control: controlOf(spec),
    value: spec.type === 'bool' ? (value === 'true' || value === 'on' ? 'true' : '') : value,
    options: optionsOf(spec, raw, t, refs),
    required: (spec.type === 'text' && Boolean(spec.required)) || spec.type === 'codes' || (spec.type === 'code' && !spec.nullable),
    ...(spec.type === 'list' ? { hint: t('admin.form.listHint') } : {}),
    ...(error ? { error } : {}),
  };
}

/** The controls of a collection's form, holding `texts` (stored or as typed) and the errors beside their fields. */
export function buildForm(def: CollectionDef, texts: Record<string, RawValue>, errors: Record<string, string>, t: Translate, refs: ReferenceChoices): FormControl[] {
  return editableFields(def).map(([name, spec]) => control(name, spec, texts[name], errors[name], t, refs));
}

/** Errors that belong to no field of the form (shown above it). */
export function formLevelErrors(def: CollectionDef, errors: Record<string, string>): string[] {
  const names = new Set(editableFields(def).map(([name]) => name));
  return Object.entries(errors)
    .filter(([field]) => !names.has(field))
    .map(([, message]) => message);
}
