import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, editableFields, type CollectionDef } from '../../server/collections/define.js';
import type { FieldSpec } from '../../server/collections/field-spec.js';
import { COLLECTIONS } from '../../server/collections/registry.js';
import { facetOfField } from '../../server/collections/facets.js';

/** The names a declaration member gives that are not fields of the collection of the kind the member needs. */
function misnamed(def: CollectionDef, names: string[], accepts: (spec: FieldSpec) => boolean): string[] {
  const specs = new Map(editableFields(def));
  return names.filter((name) => {
    const spec = specs.get(name);
    return !spec || !accepts(spec);
  });
}

const any = () => true;
const isInt = (spec: FieldSpec) => spec.type === 'int';
const isText = (spec: FieldSpec) => spec.type === 'text';
const isCode = (spec: FieldSpec) => spec.type === 'code' || spec.type === 'codes';

describe.each(COLLECTIONS.map((def) => [def.name, def] as const))('the declaration of %s', (_name, def) => {
  it('when it names fields for cards, titles, capacity, ranking and housing terms, then each is one of its fields of the right kind', () => {
    expect(misnamed(def, def.cardLines ?? [], any)).toEqual([]);
    expect(misnamed(def, def.titleFields ?? [], isText)).toEqual([]);
    expect(misnamed(def, def.capacity ? [def.capacity.total, def.capacity.free] : [], isInt)).toEqual([]);
    expect(misnamed(def, def.rankedBy ? [def.rankedBy] : [], (spec) => spec.type === 'code')).toEqual([]);
    expect(misnamed(def, def.applyTerms ? [def.applyTerms.rent] : [], isInt)).toEqual([]);
    expect(misnamed(def, def.applyTerms ? [def.applyTerms.furnished] : [], (spec) => spec.type === 'bool')).toEqual([]);
  });

  it('when its stats charts are declared, then each counts a code field that is also a search filter', () => {
    const fields = (def.stats?.charts ?? []).map((chart) => chart.field);
    expect(misnamed(def, fields, isCode)).toEqual([]);
    for (const field of fields) expect(facetOfField(def, field)).toBeDefined();
  });

  it('when it relates listings, then references go through its reference fields and name collections that exist', () => {
    for (const related of def.related ?? []) {
      if (related.by === 'reference') expect(misnamed(def, [related.field], (spec) => spec.type === 'ref')).toEqual([]);
      else expect(COLLECTION_NAMES).toContain(related.collection);
    }
  });

  it('when a reference field shows text of the listing it points at, then both sides name fields that exist', () => {
    for (const [, spec] of editableFields(def)) {
      if (spec.type !== 'ref' || !spec.text) continue;
      const target = COLLECTIONS.find((c) => c.name === spec.collection);
      expect(target).toBeDefined();
      expect(misnamed(def, Object.keys(spec.text), isText)).toEqual([]);
      if (target) expect(misnamed(target, Object.values(spec.text), isText)).toEqual([]);
    }
  });
});

describe('the stats sections', () => {
  it('when the collections declare their places on the stats page, then no two share one', () => {
    const positions = COLLECTIONS.flatMap((def) => (def.stats ? [def.stats.position] : []));
    expect(new Set(positions).size).toBe(positions.length);
  });
});
