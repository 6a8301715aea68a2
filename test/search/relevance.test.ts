/** The judged query set on the seeded directory: the set is sound, its scoring can fail, and every type holds its floor. */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateJudgedSet, type Evaluation } from '../../scripts/eval/evaluate.js';
import { loadJudgedSet, type JudgedQuery } from '../../scripts/eval/judged-set.js';
import type { Listing } from '../../server/collections/define.js';
import { ListingTable, resolveQuery, scoreAnswer, type ResolvedQuery } from '../../scripts/eval/judgement.js';
import { figuresTable, loadFloors, outcomeLine, shortfalls } from '../../scripts/eval/report.js';

/** A query of one judgement over `relevant`, for scoring by hand. */
function judged(relevant: string[], within: number, need: number): ResolvedQuery {
  const query: JudgedQuery = { id: 'case-1', type: 'case', q: 'x', lang: 'zh', params: {}, expect: [], why: '' };
  return { query, judgements: [{ none: false, relevant: new Set(relevant), within, need }], relevant: new Set(relevant) };
}
const hit = (key: string) => ({ collection: key.split('/')[0]!, id: Number(key.split('/')[1]), name: key });

describe('scoring an answer', () => {
  it('when the target comes second but must come first, then the query fails with success@1 0 and a reciprocal rank of 1/2', () => {
    const outcome = scoreAnswer(judged(['platforms/4'], 1, 1), [hit('platforms/5'), hit('platforms/4')], 2);
    expect(outcome).toMatchObject({ pass: false, success1: false, reciprocalRank: 0.5, zeroResult: false });
    expect(outcome.ndcg).toBeCloseTo(1 / Math.log2(3));
  });

  it('when two of three targets must be in the top 3 and only one is, then the query fails; with both, it passes', () => {
    const q = judged(['experts/1', 'experts/2', 'experts/3'], 3, 2);
    expect(scoreAnswer(q, [hit('experts/1'), hit('experts/9'), hit('experts/8'), hit('experts/2')], 4).pass).toBe(false);
    expect(scoreAnswer(q, [hit('experts/9'), hit('experts/2'), hit('experts/1')], 3).pass).toBe(true);
  });

  it('when a query with targets answers nothing, then it counts as a zero result; a query that must find nothing passes only when empty', () => {
    expect(scoreAnswer(judged(['platforms/1'], 10, 1), [], 0)).toMatchObject({ pass: false, zeroResult: true, reciprocalRank: 0, ndcg: 0 });
    const none: ResolvedQuery = { ...judged([], 10, 0), judgements: [{ none: true, relevant: new Set(), within: 10, need: 0 }] };
    expect(scoreAnswer(none, [], 0).pass).toBe(true);
    expect(scoreAnswer(none, [hit('platforms/1')], 390).pass).toBe(false);
  });
});

describe('resolving a judgement against the listings', () => {
  const listing = (id: number, name: string, county: string, fields: string[]): Listing =>
    ({ id, collection: 'platforms', name, nameEn: '', summary: '', summaryEn: '', county, fields, kind: 'key-lab', level: 'regional', host: '', hostEn: '' }) as unknown as Listing;
  const table = new ListingTable([listing(1, '新疆种子质量检测重点实验室', 'qitai', ['seed-industry']), listing(2, '新疆煤制烯烃重点实验室', 'qitai', ['coal-chemistry'])]);
  const query = (expect: JudgedQuery['expect']): JudgedQuery => ({ id: 'label-9', type: 'label', q: 'x', lang: 'zh', params: {}, expect, why: '' });

  it('when a rule asks for text, then the labels of the listing\'s codes count as its text', () => {
    const resolved = resolveQuery(query([{ where: { contains: { text: ['奇台县', '现代种业'] } }, within: 10 }]), table);
    expect([...resolved.relevant]).toEqual(['platforms/1']);
  });

  it('when a judgement names a listing under another name, or needs more listings than exist, then resolving fails naming the query', () => {
    expect(() => resolveQuery(query([{ of: ['platforms/2 新疆种子质量检测重点实验室'], within: 1 }]), table)).toThrow(/label-9.*named 新疆煤制烯烃重点实验室/);
    expect(() => resolveQuery(query([{ where: { county: 'qitai' }, within: 10, need: 3 }]), table)).toThrow(/label-9.*can never pass/);
  });
});

describe('the judged query set', () => {
  let evaluation: Evaluation;
  beforeAll(async () => {
    // Resolving the judgements against the stored listings throws on a missing listing, a wrong name or a judgement no answer can meet.
    evaluation = await evaluateJudgedSet();
  }, 120_000);

  it('when loaded, then it holds at least 300 queries, at least 12 of each type, and a floor for every type', () => {
    const types = loadJudgedSet();
    expect(types.reduce((n, t) => n + t.queries.length, 0)).toBeGreaterThanOrEqual(300);
    for (const t of types) expect(t.queries.length, t.type).toBeGreaterThanOrEqual(12);
    expect(Object.keys(loadFloors()['success@10']).sort()).toEqual(types.map((t) => t.type).sort());
  });

  it('when every query is asked on the seeded directory, then each type reaches its floors', () => {
    const short = shortfalls(evaluation.summary, loadFloors());
    const types = new Set(short.map((s) => s.type));
    const failing = evaluation.outcomes.filter((o) => !o.pass && types.has(o.type)).map((o) => outcomeLine(o, evaluation.why[o.id]));
    const shown = `\n${figuresTable(evaluation.summary)}\n\nfailing queries of those types:\n${failing.join('\n')}`;
    expect(short.map((s) => s.message), shown).toEqual([]);
  });
});
