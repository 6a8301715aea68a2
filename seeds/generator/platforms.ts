import type { Org } from './firms.js';
import { NAMED_SEED_FIRMS } from './firms.js';
import { COUNTY_SHORT, OFFSITE_CITIES, countiesWith } from './places.js';
import { platformFacts } from './platform-facts.js';
import { type Draft, platformName, platformSummary } from './platform-text.js';
import { Rng } from './random.js';
import { RELATED, TOPICS } from './topics.js';
import { COUNTIES, FIELDS, PLATFORM_KINDS, type Bi, type County, type Platform, type PlatformKind } from './types.js';

type Level = 'national' | 'regional' | null;

// Sample counts per kind and level. With the five facts they give the report's figures:
// 28 national, 117 regional (145 at regional level or above) and 21 off-site.
const SAMPLE_PLAN: Array<[PlatformKind, Level, number]> = [
  ['enterprise-tech-center', 'national', 8],
  ['engineering-center', 'national', 6],
  ['key-lab', 'national', 4],
  ['incubator', 'national', 5],
  ['collaborative-center', 'national', 2],
  ['enterprise-tech-center', 'regional', 28],
  ['engineering-center', 'regional', 30],
  ['key-lab', 'regional', 20],
  ['expert-workstation', 'regional', 22],
  ['incubator', 'regional', 12],
  ['collaborative-center', 'regional', 2],
  ['expert-service-base', 'regional', 1],
  ['offsite-rnd', null, 21],
];

/** Kinds whose host may be a (sample) university or institute rather than a firm. */
const ACADEMIC_KINDS = new Set<PlatformKind>(['key-lab', 'engineering-center', 'collaborative-center']);

interface Context {
  rng: Rng;
  firms: Org[];
  academics: Org[];
  names: Set<string>;
  namesEn: Set<string>;
  /** Firms already used per kind, so each firm has at most one platform of a kind. */
  used: Map<PlatformKind, Set<string>>;
}

function pickFields(rng: Rng, host: Org): Draft['fields'] {
  const first = rng.pick(host.fields);
  const fields: Draft['fields'] = [first];
  const extra = rng.float() < 0.45 ? 1 : rng.float() < 0.15 ? 2 : 0;
  for (const f of rng.sample([...host.fields, ...RELATED[first]], 4)) {
    if (fields.length > extra) break;
    if (!fields.includes(f)) fields.push(f);
  }
  return fields;
}

// Both topics come from the primary field, so that "X与Y重点实验室" never pairs unrelated subjects.
function pickTopics(rng: Rng, fields: Draft['fields']): [Bi, Bi] {
  const [a, b] = rng.sample(TOPICS[fields[0]], 2);
  if (!a || !b) throw new Error(`fewer than two topics for ${fields[0]}`);
  return [a, b];
}

function serviceCentre(county: County): Org {
  const place = COUNTY_SHORT[county];
  return {
    brand: place,
    short: { zh: `${place.zh}创新创业服务中心`, en: `${place.en} Innovation and Entrepreneurship Service Center` },
    full: { zh: `${place.zh}创新创业服务中心`, en: `${place.en} Innovation and Entrepreneurship Service Center` },
    county,
    fields: [],
    kind: 'institution',
  };
}

function pickHost(ctx: Context, kind: PlatformKind): Org {
  const { rng } = ctx;
  if (ACADEMIC_KINDS.has(kind) && rng.chance(0.3)) return rng.pick(ctx.academics);
  const used = ctx.used.get(kind) ?? new Set<string>();
  const free = ctx.firms.filter((f) => !used.has(f.short.zh));
  return rng.pick(free.length > 0 ? free : ctx.firms);
}

function established(rng: Rng, kind: PlatformKind, level: Level): number {
  if (kind === 'offsite-rnd') return rng.int(2014, 2022);
  if (kind === 'incubator') return rng.int(2012, 2022);
  return level === 'national' ? rng.int(1998, 2021) : rng.int(1995, 2022);
}

function incubatorDraft(ctx: Context): Pick<Draft, 'host' | 'county' | 'fields'> {
  const { rng } = ctx;
  const field = rng.pick(FIELDS);
  const county = rng.pick(countiesWith(field));
  const fields: Draft['fields'] = [field, ...(rng.chance(0.4) ? [rng.pick(RELATED[field])] : [])];
  const localFirms = ctx.firms.filter((f) => f.county === county && f.fields.includes(field));
  const host = rng.chance(0.5) && localFirms.length > 0 ? rng.pick(localFirms) : serviceCentre(county);
  return { host, county, fields };
}

function draftFor(ctx: Context, kind: PlatformKind, level: Level, forcedHost?: Org): Draft {
  const { rng } = ctx;
  let where: Pick<Draft, 'host' | 'county' | 'fields'>;
  if (kind === 'incubator') {
    where = incubatorDraft(ctx);
  } else {
    const host = forcedHost ?? pickHost(ctx, kind);
    const fields = pickFields(rng, host);
    // Academic hosts sit outside the prefecture; their platform goes where the industry is.
    const county = host.kind === 'institution' ? rng.pick(countiesWith(fields[0])) : host.county;
    where = { host, county, fields };
  }
  return {
    kind,
    national: level === 'national',
    ...where,
    topics: pickTopics(rng, where.fields),
    city: kind === 'offsite-rnd' ? rng.pick(OFFSITE_CITIES) : null,
  };
}

function makeSample(ctx: Context, kind: PlatformKind, level: Level, forcedHost?: Org): Platform {
  for (let attempt = 0; attempt < 50; attempt++) {
    const draft = draftFor(ctx, kind, level, forcedHost);
    const name = platformName(draft, ctx.rng);
    if (ctx.names.has(name.zh) || ctx.namesEn.has(name.en)) continue;
    ctx.names.add(name.zh);
    ctx.namesEn.add(name.en);
    if (draft.host.kind === 'firm') {
      const used = ctx.used.get(kind) ?? new Set<string>();
      used.add(draft.host.short.zh);
      ctx.used.set(kind, used);
    }
    const summary = platformSummary(draft, ctx.rng);
    return {
      name: name.zh,
      nameEn: name.en,
      summary: summary.zh,
      summaryEn: summary.en,
      county: draft.county,
      fields: draft.fields,
      source: 'sample',
      status: 'active',
      kind,
      level,
      host: draft.host.full.zh,
      hostEn: draft.host.full.en,
      location: draft.city?.zh ?? null,
      locationEn: draft.city?.en ?? null,
      established: established(ctx.rng, kind, level),
    };
  }
  throw new Error(`no unique ${kind} name after 50 attempts`);
}

function assertCoverage(platforms: Platform[]): void {
  const missing = [
    ...COUNTIES.filter((c) => !platforms.some((p) => p.county === c)),
    ...FIELDS.filter((f) => !platforms.some((p) => p.fields.includes(f))),
    ...PLATFORM_KINDS.filter((k) => !platforms.some((p) => p.kind === k)),
  ];
  if (missing.length > 0) throw new Error(`platforms miss ${missing.join(', ')}`);
}

export function buildPlatforms(firms: Org[], academics: Org[]): Platform[] {
  const facts = platformFacts();
  const ctx: Context = {
    rng: new Rng('platforms'),
    firms,
    academics,
    names: new Set(facts.map((p) => p.name)),
    namesEn: new Set(facts.map((p) => p.nameEn)),
    used: new Map(),
  };
  const samples: Platform[] = [];
  for (const [kind, level, count] of SAMPLE_PLAN) {
    // The report's national seed-industry firms get plain regional technology centres, nothing it does not say.
    const named = kind === 'enterprise-tech-center' && level === 'regional' ? NAMED_SEED_FIRMS : [];
    for (let i = 0; i < count; i++) samples.push(makeSample(ctx, kind, level, named[i]));
  }
  const all = [...facts, ...samples];
  assertCoverage(all);
  return all;
}
