/** What each column of a collection's import file holds: its meaning, whether it is required, its format and allowed values. */
import { editableFields, type CollectionDef } from '../collections/define.js';
import type { FieldSpec } from '../collections/field-spec.js';
import type { VocabName } from '../collections/vocab.js';
import type { Translate } from '../i18n/i18n.js';
import { allowedValues, type AllowedValue } from './code-labels.js';
import { collectionColumns } from './export.js';

/** One column of the template, as the guide page shows it. */
export interface ColumnGuide {
  name: string;
  label: string;
  required: boolean;
  format: string;
  values: AllowedValue[];
}

/** Bookkeeping columns: their vocabulary, if any, and their key in `admin.bulk.guide.meta`. */
const META: Record<string, VocabName | null> = { id: null, source: 'source', status: 'status', version: null };

function isRequired(spec: FieldSpec): boolean {
  if (spec.type === 'text') return Boolean(spec.required);
  if (spec.type === 'code' || spec.type === 'int') return !spec.nullable;
  return spec.type === 'codes' || spec.type === 'bool';
}

function format(spec: FieldSpec, t: Translate): string {
  switch (spec.type) {
    case 'text':
      return t('admin.bulk.guide.text', { max: spec.max });
    case 'code':
      return t('admin.bulk.guide.code');
    case 'codes':
      return t('admin.bulk.guide.codes', { min: spec.min, max: spec.max });
    case 'int':
      return t('admin.bulk.guide.int', { min: spec.min, max: spec.max });
    case 'bool':
      return t('admin.bulk.guide.bool');
    case 'list':
      return t('admin.bulk.guide.list', { max: spec.maxItems });
    case 'ref':
      return t('admin.bulk.guide.ref', { collection: t(`vocab.collection.${spec.collection}`) });
  }
}

/** The vocabulary of a column, for the guide and for the messages that name what a column accepts. */
export function columnVocab(def: CollectionDef, column: string): VocabName | undefined {
  if (column in META) return META[column] ?? undefined;
  const spec = editableFields(def).find(([name]) => name === column)?.[1];
  return spec && (spec.type === 'code' || spec.type === 'codes') ? spec.vocab : undefined;
}

/** Every column of the collection's template, in file order. */
export function columnGuide(def: CollectionDef, t: Translate): ColumnGuide[] {
  const specs = new Map(editableFields(def));
  return collectionColumns(def)
    .filter((name) => name !== 'createdAt' && name !== 'updatedAt')
    .map((name) => {
      const spec = specs.get(name);
      const vocab = columnVocab(def, name);
      return {
        name,
        label: spec ? t(`admin.field.${name}`) : t(`admin.bulk.guide.meta.${name}`),
        required: spec ? isRequired(spec) : false,
        format: spec ? format(spec, t) : t(`admin.bulk.guide.metaFormat.${name}`),
        values: vocab ? allowedValues(vocab) : [],
      };
    });
}

/** The accepted values of a code column, in one line: `hutubi 呼图壁县 / Hutubi County; …`. */
export function acceptedText(vocab: VocabName, t: Translate): string {
  return allowedValues(vocab).map((v) => `${v.code} ${v.zh} / ${v.en}`).join(t('admin.bulk.guide.valueSeparator'));
}
