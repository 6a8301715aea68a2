import type { Org } from './firms.js';
import type { Rng } from './random.js';
import { personNameEn } from './text.js';
import type { Bi, Field } from './types.js';

// Single-character surnames with one unambiguous reading (吕 left out to avoid ü spellings).
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭肖田董袁潘蒋蔡余杜叶程魏苏丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤',
];

// Given-name characters read the same in every context (no 长, 乐, 行, 重, 朝...).
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚英华建国志文玉兰红海亮辉鹏飞斌宇浩凯健俊帆琳晨欣博雪梅林峰波宁涵鑫颖慧瑞泽睿晓新春振兴永德立成宏昊毅松思佳雅婷蕾晶云嘉诚荣光培学昕远',
];

export interface PersonName {
  zh: string;
  en: string;
}

export function personName(rng: Rng, taken: Set<string>): PersonName {
  for (;;) {
    const surname = rng.pick(SURNAMES);
    const given = rng.chance(0.3) ? rng.pick(GIVEN) : rng.pick(GIVEN) + rng.pick(GIVEN);
    const zh = surname + given;
    if (taken.has(zh) || given.length === 2 && given[0] === given[1]) continue;
    taken.add(zh);
    const en = personNameEn(surname, given);
    if (/[^A-Za-z ]/.test(en)) throw new Error(`unexpected romanisation ${en} for ${zh}`);
    return { zh, en };
  }
}

const org = (zh: string, en: string, fields: Field[]): Org => ({
  brand: { zh, en }, short: { zh, en }, full: { zh, en }, county: 'changji', fields, kind: 'institution',
});

/** Generated academies for academicians; none is the name of a real academy. */
export const ACADEMIES: Org[] = [
  org('北方能源科学研究院', 'Northern Academy of Energy Sciences', ['coal-chemistry']),
  org('中原电气科学研究院', 'Central Plains Academy of Electrical Sciences', ['power-equipment']),
  org('东部材料科学研究院', 'Eastern Academy of Materials Sciences', ['silicon-materials']),
  org('华中作物科学研究院', 'Central China Academy of Crop Sciences', ['seed-industry']),
  org('北方畜牧科学院', 'Northern Academy of Animal Sciences', ['livestock']),
  org('西部生态环境科学院', 'Western Academy of Eco-environmental Sciences', ['ecology']),
  org('南方信息科学研究院', 'Southern Academy of Information Sciences', ['digital']),
  org('华东生命科学研究院', 'East China Academy of Life Sciences', ['medicine']),
];

/** Generated research organisations outside the prefecture, one or two per field. */
export const OUTSIDE_ORGS: Org[] = [
  org('华北煤炭转化研究院', 'North China Institute of Coal Conversion', ['coal-chemistry']),
  org('东方煤化工设计研究院', 'Dongfang Coal Chemical Design and Research Institute', ['coal-chemistry', 'chemical-materials']),
  org('华中电工装备研究所', 'Central China Institute of Electrical Equipment', ['power-equipment']),
  org('华东硅材料研究所', 'East China Institute of Silicon Materials', ['silicon-materials']),
  org('中原化工新材料研究院', 'Central Plains Institute of Advanced Chemical Materials', ['chemical-materials']),
  org('黄淮棉花研究所', 'Huanghuai Cotton Research Institute', ['cotton']),
  org('北方作物育种研究所', 'Northern Institute of Crop Breeding', ['seed-industry', 'cotton']),
  org('北方奶业研究院', 'Northern Dairy Research Institute', ['livestock']),
  org('华东食品工程研究所', 'East China Institute of Food Engineering', ['food-processing']),
  org('塞上葡萄酒研究所', 'Saishang Wine Research Institute', ['wine']),
  org('华北植物保护研究所', 'North China Institute of Plant Protection', ['biosafety']),
  org('西部工业互联网研究院', 'Western Industrial Internet Research Institute', ['digital']),
  org('丝路物流研究中心', 'Silk Road Logistics Research Center', ['logistics']),
  org('西部干旱区生态研究所', 'Western Institute of Arid Zone Ecology', ['ecology']),
  org('西部民族药研究所', 'Western Institute of Ethnic Medicine', ['medicine']),
];

/** Generated think tanks, the natural home of advisory-panel members. */
export const THINK_TANKS: Org[] = [
  org('丝路产业发展研究院', 'Silk Road Institute for Industrial Development', []),
  org('天山科技战略研究中心', 'Tianshan Center for Science and Technology Strategy', []),
  org('西部区域经济研究所', 'Institute of Western Regional Economy', []),
  org('欧亚经贸合作研究中心', 'Eurasia Economic and Trade Cooperation Research Center', []),
  org('绿洲农业发展研究院', 'Oasis Agriculture Development Institute', []),
  org('华西新能源战略研究所', 'West China Institute of New Energy Strategy', []),
];

const t = (zh: string, en: string): Bi => ({ zh, en });

export const ACADEMICIAN_TITLES = {
  cae: t('中国工程院院士', 'Academician of the Chinese Academy of Engineering'),
  cas: t('中国科学院院士', 'Academician of the Chinese Academy of Sciences'),
};

const AGRI_FIELDS = new Set<Field>(['cotton', 'seed-industry', 'wine', 'biosafety', 'food-processing']);

/** A professional title that fits both the employer and the field. */
export function professionalTitle(rng: Rng, employer: Org, field: Field): Bi {
  if (employer.kind === 'institution') {
    const university = /大学|学院/.test(employer.full.zh);
    if (university) return rng.chance(0.65) ? t('教授', 'Professor') : t('副教授', 'Associate Professor');
    return rng.chance(0.6) ? t('研究员', 'Research Fellow') : t('副研究员', 'Associate Research Fellow');
  }
  const senior = rng.chance(0.5);
  if (AGRI_FIELDS.has(field)) {
    return senior ? t('正高级农艺师', 'Professor-level Senior Agronomist') : t('高级农艺师', 'Senior Agronomist');
  }
  if (field === 'livestock') return senior ? t('正高级畜牧师', 'Professor-level Senior Animal Husbandry Specialist') : t('高级兽医师', 'Senior Veterinarian');
  if (field === 'medicine') return senior ? t('主任药师', 'Chief Pharmacist') : t('副主任药师', 'Associate Chief Pharmacist');
  if (field === 'logistics') return t('高级经济师', 'Senior Economist');
  return senior ? t('正高级工程师', 'Professor-level Senior Engineer') : t('高级工程师', 'Senior Engineer');
}
