import { COUNTY_INFO } from './places.js';
import { Rng } from './random.js';
import { COUNTIES, type Apartment, type Bi, type County, type Field } from './types.js';

// Unit totals to aim at: the report says 1,600+ talent apartments and 400+ turnover rooms.
const TALENT_UNITS = 1650;
const TURNOVER_UNITS = 430;

// Talent apartment buildings per county: more where the big parks and the prefecture seat are.
const TALENT_BUILDINGS: Record<County, number> = {
  changji: 5, fukang: 3, hutubi: 2, manas: 2, qitai: 3, jimsar: 3, mori: 2, zhundong: 5, hitech: 4, 'agri-zone': 3,
};

const b = (zh: string, en: string): Bi => ({ zh, en });

const ESTATES: Bi[] = [
  b('英才苑', 'Yingcaiyuan'), b('聚贤苑', 'Juxianyuan'), b('启航苑', 'Qihangyuan'), b('博雅苑', 'Boyayuan'),
  b('安居苑', 'Anjuyuan'), b('翰林苑', 'Hanlinyuan'), b('泽园', 'Zeyuan'), b('和园', 'Heyuan'),
  b('兴业苑', 'Xingyeyuan'), b('创新苑', 'Chuangxinyuan'), b('逸景苑', 'Yijingyuan'), b('文华苑', 'Wenhuayuan'),
];

const ROADS: Bi[] = [
  b('文化路', 'Wenhua Road'), b('建设路', 'Jianshe Road'), b('人民路', 'Renmin Road'), b('世纪大道', 'Shiji Avenue'),
  b('科技路', 'Keji Road'), b('园林路', 'Yuanlin Road'), b('迎宾路', 'Yingbin Road'), b('团结路', 'Tuanjie Road'),
  b('创业路', 'Chuangye Road'), b('和谐路', 'Hexie Road'), b('友谊路', 'Youyi Road'), b('振兴路', 'Zhenxing Road'),
];

// Where turnover rooms usually are: with the township's own offices, school, clinic or extension station.
const SITES: Bi[] = [
  b('镇政府', 'Township Government'), b('中心学校', 'Central School'), b('卫生院', 'Health Centre'),
  b('农业技术推广站', 'Agricultural Extension Station'), b('便民服务中心', 'Public Service Centre'), b('畜牧兽医站', 'Veterinary Station'),
];

function fieldsOf(rng: Rng, county: County): Field[] {
  return rng.sample(COUNTY_INFO[county].industries, rng.int(1, 2));
}

/** Nudges the raw unit counts one by one until they add up to the target, keeping each within bounds. */
function fitTotal(rng: Rng, units: number[], target: number, min: number, max: number): number[] {
  const out = units.slice();
  let sum = out.reduce((a, n) => a + n, 0);
  while (sum !== target) {
    const i = rng.int(0, out.length - 1);
    const step = sum < target ? 1 : -1;
    const next = (out[i] ?? 0) + step;
    if (next < min || next > max) continue;
    out[i] = next;
    sum += step;
  }
  return out;
}

function available(rng: Rng, units: number): number {
  if (rng.chance(0.15)) return 0;
  return rng.int(1, Math.max(1, Math.round(units * 0.6)));
}

function talentApartments(rng: Rng): Apartment[] {
  const slots = COUNTIES.flatMap((c) => Array.from({ length: TALENT_BUILDINGS[c] }, () => c));
  const units = fitTotal(rng, slots.map(() => rng.int(30, 70)), TALENT_UNITS, 24, 96);
  const names = new Set<string>();
  return slots.map((county, i) => {
    const seat = rng.pick(COUNTY_INFO[county].seats);
    let estate = rng.pick(ESTATES);
    while (names.has(seat.zh + estate.zh)) estate = rng.pick(ESTATES);
    names.add(seat.zh + estate.zh);
    const road = rng.pick(ROADS);
    const number = rng.int(1, 120);
    const building = rng.int(1, 6);
    const n = units[i] ?? 0;
    const area = rng.int(45, 120);
    const free = rng.chance(0.9);
    const summary = free
      ? b(`面向引进人才免费提供，${area}平方米户型，家具家电齐全，可拎包入住。`, `Free for recruited talent: ${area} m² units, fully furnished, ready to move in.`)
      : b(`面向企业引进人才按优惠租金出租，${area}平方米户型，配套齐全。`, `Let to firms' recruited talent at a reduced rent: ${area} m² units, fully equipped.`);
    return {
      name: `${seat.zh}${estate.zh}人才公寓`,
      nameEn: `${estate.en} Talent Apartments, ${seat.en}`,
      summary: summary.zh, summaryEn: summary.en,
      county, fields: fieldsOf(rng, county), source: 'sample', status: 'active',
      kind: 'talent-apartment', township: seat.zh, townshipEn: seat.en,
      address: `${seat.zh}${road.zh}${number}号${estate.zh}${building}号楼`,
      addressEn: `Building ${building}, ${estate.en}, ${number} ${road.en}, ${seat.en}`,
      units: n, availableUnits: available(rng, n), areaSqm: area,
      furnished: free || rng.chance(0.5), monthlyRent: free ? 0 : rng.int(3, 8) * 100,
    };
  });
}

function turnoverRooms(rng: Rng): Apartment[] {
  const slots = COUNTIES.flatMap((county) =>
    COUNTY_INFO[county].townships.flatMap((township) =>
      rng.sample(SITES, rng.int(1, 3)).map((site) => ({ county, township, site }))));
  const units = fitTotal(rng, slots.map(() => rng.int(3, 11)), TURNOVER_UNITS, 3, 16);
  return slots.map(({ county, township, site }, i) => {
    const n = units[i] ?? 0;
    const area = rng.int(20, 45);
    const furnished = rng.chance(0.9);
    const countyName = COUNTY_INFO[county].name;
    const summary = furnished
      ? rng.pick([
        b(`为到${township.zh}工作的科技人才免费提供周转房，配有床、书桌和基本家电，拎包入住。`, `Free turnover rooms for science and technology staff working in ${township.en}, with bed, desk and basic appliances: ready to move in.`),
        b(`${site.zh}院内的周转房，单间约${area}平方米，免费入住。`, `Turnover rooms in the ${site.en.toLowerCase()} compound, about ${area} m² each, free of charge.`),
      ])
      : b(`${site.zh}院内的周转房，免费提供，家具正在配置中。`, `Free turnover rooms in the ${site.en.toLowerCase()} compound; furniture is being fitted.`);
    return {
      name: `${township.zh}${site.zh}周转房`,
      nameEn: `${township.en} ${site.en} Turnover Rooms`,
      summary: summary.zh, summaryEn: summary.en,
      county, fields: fieldsOf(rng, county), source: 'sample', status: 'active',
      kind: 'turnover-room', township: township.zh, townshipEn: township.en,
      address: `${countyName.zh}${township.zh}${site.zh}院内`,
      addressEn: `${site.en} compound, ${township.en}, ${countyName.en}`,
      units: n, availableUnits: available(rng, n), areaSqm: area, furnished, monthlyRent: 0,
    };
  });
}

export function buildApartments(): Apartment[] {
  const rng = new Rng('apartments');
  return [...talentApartments(rng), ...turnoverRooms(rng)];
}
