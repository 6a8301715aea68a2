import type { Org } from './firms.js';
import { COUNTY_INFO, countiesWith, placeInSentence } from './places.js';
import { ACADEMICIAN_TITLES, ACADEMIES, OUTSIDE_ORGS, THINK_TANKS, personName, professionalTitle } from './people.js';
import { Rng } from './random.js';
import { FIELD_LABEL, RELATED, keywordsOf } from './topics.js';
import { FIELDS, type Bi, type Expert, type ExpertCategory, type Field } from './types.js';

/** A person's fields, the primary one first. */
type Fields = [Field, ...Field[]];

/** The two keywords a summary names, then any others. */
type Keywords = [Bi, Bi, ...Bi[]];

interface Person {
  category: ExpertCategory;
  fields: Fields;
  employer: Org;
  title: Bi;
}

// Primary fields of the 80 experts: weighted to the prefecture's big industries,
// coal chemistry and cotton/seed first, as recruiters ask for them most.
const EXPERT_FIELD_WEIGHTS: Array<[Field, number]> = [
  ['coal-chemistry', 8], ['power-equipment', 7], ['silicon-materials', 5], ['chemical-materials', 6],
  ['cotton', 7], ['seed-industry', 7], ['livestock', 7], ['food-processing', 6], ['wine', 4],
  ['biosafety', 4], ['digital', 5], ['logistics', 3], ['ecology', 6], ['medicine', 5],
];

function academicians(rng: Rng, sampleInstitutions: Org[]): Person[] {
  const academy = (zh: string) => ACADEMIES.find((a) => a.full.zh === zh)!;
  const inst = (zh: string) => sampleInstitutions.find((i) => i.full.zh === zh)!;
  const plan: Array<[Fields, 'cae' | 'cas', Org]> = [
    [['coal-chemistry', 'chemical-materials'], 'cae', academy('北方能源科学研究院')],
    [['coal-chemistry', 'ecology'], 'cas', inst('太行能源化工大学')],
    [['power-equipment'], 'cae', academy('中原电气科学研究院')],
    [['silicon-materials', 'chemical-materials'], 'cas', academy('东部材料科学研究院')],
    [['cotton', 'seed-industry'], 'cae', inst('准噶尔农业大学')],
    [['seed-industry', 'biosafety'], 'cae', academy('华中作物科学研究院')],
    [['livestock', 'food-processing'], 'cae', academy('北方畜牧科学院')],
    [['ecology'], 'cas', academy('西部生态环境科学院')],
    [['digital', 'power-equipment'], 'cae', academy('南方信息科学研究院')],
    [['medicine'], 'cas', academy('华东生命科学研究院')],
  ];
  return rng.shuffle(plan).map(([fields, academyCode, employer]) => ({
    category: 'academician', fields, employer, title: ACADEMICIAN_TITLES[academyCode],
  }));
}

function withRelated(rng: Rng, first: Field): Fields {
  const fields: Fields = [first];
  const extra = rng.chance(0.5) ? 1 : rng.chance(0.2) ? 2 : 0;
  for (const f of rng.sample(RELATED[first], extra)) fields.push(f);
  return fields;
}

/**
 * About half of the experts work at one of the sample institutions, so the app can link them;
 * the rest at a local firm, an outside institute or (advisors) a think tank.
 */
function employerFor(rng: Rng, category: ExpertCategory, field: Field, orgs: Org[], firms: Org[]): Org {
  const matching = orgs.filter((o) => o.fields.includes(field));
  if (matching.length > 0 && rng.chance(0.55)) return rng.pick(matching);
  const localFirms = firms.filter((f) => f.fields.includes(field));
  if (category === 'advisor') return rng.chance(0.6) || localFirms.length === 0 ? rng.pick(THINK_TANKS) : rng.pick(localFirms);
  const outside = OUTSIDE_ORGS.filter((o) => o.fields.includes(field));
  if (localFirms.length > 0 && (outside.length === 0 || rng.chance(0.5))) return rng.pick(localFirms);
  return rng.pick(outside.length > 0 ? outside : OUTSIDE_ORGS);
}

function people(rng: Rng, institutions: Org[], firms: Org[]): Person[] {
  const expertFields = EXPERT_FIELD_WEIGHTS.flatMap(([f, n]) => Array<Field>(n).fill(f));
  const advisorFields = [...FIELDS, ...FIELDS, 'coal-chemistry', 'cotton'] as Field[];
  const make = (category: ExpertCategory, first: Field): Person => {
    const employer = employerFor(rng, category, first, institutions, firms);
    return { category, fields: withRelated(rng, first), employer, title: professionalTitle(rng, employer, first) };
  };
  return [
    ...academicians(rng, institutions),
    ...rng.shuffle(expertFields).map((f) => make('expert', f)),
    ...rng.shuffle(advisorFields).map((f) => make('advisor', f)),
  ];
}

function expertise(rng: Rng, fields: Fields): Keywords {
  const count = rng.int(2, 5);
  const primary = rng.sample(keywordsOf(fields[0]), fields.length > 1 ? 2 : count);
  const others = rng.shuffle(fields.slice(1).flatMap(keywordsOf));
  const all = [...primary, ...others].filter((k, i, a) => a.findIndex((x) => x.zh === k.zh) === i);
  const [k1, k2, ...rest] = all.slice(0, Math.max(2, count));
  if (!k1 || !k2) throw new Error(`fewer than two keywords for ${fields.join(', ')}`);
  return [k1, k2, ...rest];
}

function summary(rng: Rng, p: Person, [k1, k2]: Keywords, county: Expert['county']): Bi {
  const field = FIELD_LABEL[p.fields[0]];
  const place = COUNTY_INFO[county].name;
  const years = rng.int(12, 35);
  const intros: Bi[] = [
    { zh: `长期从事${k1.zh}与${k2.zh}研究，从业${years}年，在${field.zh}领域主持多项科研项目。`, en: `Has worked on ${k1.en} and ${k2.en} for ${years} years and led several research projects in ${field.en}.` },
    { zh: `${p.employer.short.zh}${p.title.zh}，研究方向为${k1.zh}、${k2.zh}。`, en: `${p.title.en}, ${p.employer.short.en}; works on ${k1.en} and ${k2.en}.` },
    { zh: `主要研究${k1.zh}，在${k2.zh}方面有丰富的工程实践经验。`, en: `Works mainly on ${k1.en}, with extensive hands-on experience in ${k2.en}.` },
  ];
  const byCategory: Record<ExpertCategory, Bi> = {
    academician: { zh: `以柔性引进方式为昌吉州${field.zh}产业提供战略咨询。`, en: `Engaged on a flexible basis to advise the prefecture on strategy in ${field.en}.` },
    expert: { zh: '参与州级科技攻关项目的评审和技术指导。', en: 'Reviews and advises on prefecture research projects.' },
    advisor: { zh: `昌吉州专家顾问团智库成员，参与${field.zh}产业规划咨询。`, en: `A member of the prefecture's expert advisory think tank, consulted on industrial planning in ${field.en}.` },
  };
  const since = rng.int(2015, 2022);
  const followUps: Bi[] = [
    byCategory[p.category],
    { zh: `${since}年起受邀来昌吉开展技术指导。`, en: `Has been giving technical guidance in Changji since ${since}.` },
    { zh: `可为${place.zh}企业提供${k1.zh}方面的技术咨询和人才培训。`, en: `Available to firms in ${placeInSentence(county)} for consulting and training in ${k1.en}.` },
  ];
  const sentences = [rng.pick(intros), ...rng.sample(followUps, rng.int(p.category === 'expert' ? 0 : 1, 2))];
  // Cotton and seed go together in the agricultural zone; say so where a profile covers both.
  if (p.fields.includes('cotton') && p.fields.includes('seed-industry')) {
    sentences.splice(1, 1, { zh: '关注棉花与现代种业的融合发展，参与优质棉品种选育攻关。', en: 'Follows how cotton and the modern seed industry develop together, and works on breeding high-quality cotton varieties.' });
  }
  return { zh: sentences.map((s) => s.zh).join(''), en: sentences.map((s) => s.en).join(' ') };
}

/**
 * Two or three pairs of experts share a zh name on purpose, with different employers and fields,
 * so the site has to tell namesakes apart.
 */
function addNamesakes(rng: Rng, experts: Expert[]): void {
  const pool = experts.filter((e) => e.category === 'expert');
  let pairs = 0;
  for (const a of rng.shuffle(pool)) {
    if (pairs === 3) break;
    const b = pool.find((x) => x !== a && x.affiliation !== a.affiliation
      && !x.fields.some((f) => a.fields.includes(f)) && experts.filter((e) => e.name === x.name).length === 1
      && experts.filter((e) => e.name === a.name).length === 1);
    if (!b) continue;
    b.name = a.name;
    b.nameEn = a.nameEn;
    pairs++;
  }
}

export function buildExperts(institutions: Org[], firms: Org[]): Expert[] {
  const rng = new Rng('experts');
  const taken = new Set<string>();
  const experts = people(rng, institutions, firms).map((p): Expert => {
    const name = personName(rng, taken);
    const keywords = expertise(rng, p.fields);
    const county = rng.pick(countiesWith(p.fields[0]));
    const text = summary(rng, p, keywords, county);
    return {
      name: name.zh, nameEn: name.en, summary: text.zh, summaryEn: text.en, county, fields: p.fields,
      source: 'sample', status: 'active', category: p.category, title: p.title.zh, titleEn: p.title.en,
      affiliation: p.employer.full.zh, affiliationEn: p.employer.full.en,
      expertise: keywords.map((k) => k.zh), expertiseEn: keywords.map((k) => k.en),
    };
  });
  addNamesakes(rng, experts);
  return experts;
}
