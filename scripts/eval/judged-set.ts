/** The judged query set: its files (`scripts/eval/queries/<type>.json`), their schema, and loading them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ROOT } from '../../server/core/paths.js';

/** Where the judged set lives. */
export const QUERIES_DIR = join(ROOT, 'scripts', 'eval', 'queries');

/** A condition over a listing's stored values: every key must hold; `anyOf` holds when one of its rules does. */
export interface Rule {
  collection?: string | string[];
  county?: string | string[];
  /** One of these industry fields among the listing's `fields`. */
  field?: string | string[];
  kind?: string | string[];
  level?: string | string[];
  type?: string | string[];
  category?: string | string[];
  source?: string | string[];
  /**
   * Text that must appear (case folded) in a listing field, or in `text` (name, keywords, summary and the labels of
   * its codes, in Chinese) or `textEn` (the same in English). Several strings must all appear; `a|b` is either.
   */
  contains?: Record<string, string | string[]>;
  anyOf?: Rule[];
}

const oneOrMany = z.union([z.string(), z.array(z.string()).min(1)]);

const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.strictObject({
    collection: oneOrMany.optional(),
    county: oneOrMany.optional(),
    field: oneOrMany.optional(),
    kind: oneOrMany.optional(),
    level: oneOrMany.optional(),
    type: oneOrMany.optional(),
    category: oneOrMany.optional(),
    source: oneOrMany.optional(),
    contains: z.record(z.string(), oneOrMany).optional(),
    anyOf: z.array(ruleSchema).min(1).optional(),
  }),
);

/** `platforms/4 特变电工产学研创新联合体`: a listing by collection and id, with its name as a check. */
const refSchema = z.string().regex(/^(platforms|institutions|experts|apartments)\/\d+( .+)?$/, 'a listing is written "collection/id name"');

const judgementSchema = z.union([
  z.strictObject({ none: z.literal(true) }),
  z
    .strictObject({
      of: z.array(refSchema).min(1).optional(),
      where: ruleSchema.optional(),
      within: z.number().int().min(1).max(10),
      need: z.union([z.number().int().min(1), z.literal('all')]).optional(),
    })
    .refine((j) => (j.of === undefined) !== (j.where === undefined), 'give either "of" (listings) or "where" (a rule)'),
]);

const querySchema = z.strictObject({
  q: z.string(),
  lang: z.enum(['zh', 'en']).optional(),
  params: z.record(z.string(), z.string()).optional(),
  expect: z.union([judgementSchema, z.array(judgementSchema).min(1)]),
  why: z.string().min(1),
});

const fileSchema = z.strictObject({
  type: z.string().regex(/^[a-z][a-z-]*$/),
  about: z.string().min(1),
  queries: z.array(querySchema).min(1),
});

/** What a query must bring back: nothing, or some of a set of listings within the first `within` hits. */
export type Judgement = { none: true } | { of?: string[]; where?: Rule; within: number; need?: number | 'all' };

/** One judged query, as the evaluation runs it. */
export interface JudgedQuery {
  /** `<type>-<n>`, stable while the file's order is. */
  id: string;
  type: string;
  q: string;
  lang: 'zh' | 'en';
  params: Record<string, string>;
  expect: Judgement[];
  why: string;
}

/** A type of query, with what it covers. */
export interface QueryType {
  type: string;
  about: string;
  queries: JudgedQuery[];
}

/** Reads and checks every file of the judged set (sorted by type); throws naming the file and the bad entry. */
export function loadJudgedSet(dir = QUERIES_DIR): QueryType[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`no judged queries in ${dir}`);
  return files.map((file) => {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { type, about, queries } = parsed.data;
    if (`${type}.json` !== file) throw new Error(`${file}: its type is "${type}"; a file is named after its type`);
    return {
      type,
      about,
      queries: queries.map((query, i) => ({
        id: `${type}-${i + 1}`,
        type,
        q: query.q,
        lang: query.lang ?? 'zh',
        params: query.params ?? {},
        expect: Array.isArray(query.expect) ? query.expect : [query.expect],
        why: query.why,
      })),
    };
  });
}

/** The query string of `GET /api/search` for a judged query; without `perPage`, the API's default page. */
export function searchParams(query: JudgedQuery, perPage?: number): URLSearchParams {
  const params = new URLSearchParams({ ...query.params, q: query.q, lang: query.lang });
  if (perPage !== undefined) params.set('perPage', String(perPage));
  return params;
}
