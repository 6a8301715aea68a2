import type { Bi, County, Field } from './types.js';

export interface CountyInfo {
  code: County;
  name: Bi;
  /** Industries the county is known for; drives the fields of anything placed there. */
  industries: Field[];
  /** County seat towns or park areas, where talent apartments stand. */
  seats: Bi[];
  /** Townships from domain.md, where turnover rooms stand (none for the zones). */
  townships: Bi[];
}

const town = (zh: string, en: string): Bi => ({ zh, en });

// English township names are written by hand: automatic pinyin gets polyphones wrong (乐土驿 is Letuyi).
export const COUNTY_INFO: Record<County, CountyInfo> = {
  changji: {
    code: 'changji',
    name: town('昌吉市', 'Changji City'),
    industries: ['power-equipment', 'food-processing', 'livestock', 'logistics', 'digital', 'seed-industry'],
    seats: [town('昌吉市城区', 'Changji Urban Area')],
    townships: [
      town('三工镇', 'Sangong Town'), town('榆树沟镇', 'Yushugou Town'), town('六工镇', 'Liugong Town'),
      town('滨湖镇', 'Binhu Town'), town('佃坝镇', 'Dianba Town'),
    ],
  },
  fukang: {
    code: 'fukang',
    name: town('阜康市', 'Fukang City'),
    industries: ['coal-chemistry', 'chemical-materials', 'medicine', 'ecology'],
    seats: [town('阜康市城区', 'Fukang Urban Area')],
    townships: [town('九运街镇', 'Jiuyunjie Town'), town('滋泥泉子镇', 'Ziniquanzi Town'), town('城关镇', 'Chengguan Town')],
  },
  hutubi: {
    code: 'hutubi',
    name: town('呼图壁县', 'Hutubi County'),
    industries: ['livestock', 'seed-industry', 'cotton', 'food-processing'],
    seats: [town('呼图壁镇', 'Hutubi Town')],
    townships: [
      town('大丰镇', 'Dafeng Town'), town('二十里店镇', 'Ershilidian Town'),
      town('五工台镇', 'Wugongtai Town'), town('雀尔沟镇', "Que'ergou Town"),
    ],
  },
  manas: {
    code: 'manas',
    name: town('玛纳斯县', 'Manas County'),
    industries: ['wine', 'cotton', 'food-processing', 'ecology'],
    seats: [town('玛纳斯镇', 'Manas Town')],
    townships: [
      town('乐土驿镇', 'Letuyi Town'), town('包家店镇', 'Baojiadian Town'),
      town('北五岔镇', 'Beiwucha Town'), town('六户地镇', 'Liuhudi Town'),
    ],
  },
  qitai: {
    code: 'qitai',
    name: town('奇台县', 'Qitai County'),
    industries: ['food-processing', 'seed-industry', 'coal-chemistry', 'livestock'],
    seats: [town('奇台镇', 'Qitai Town')],
    townships: [
      town('老奇台镇', 'Laoqitai Town'), town('半截沟镇', 'Banjiegou Town'), town('西地镇', 'Xidi Town'),
      town('碧流河镇', 'Biliuhe Town'), town('东湾镇', 'Dongwan Town'),
    ],
  },
  jimsar: {
    code: 'jimsar',
    name: town('吉木萨尔县', 'Jimsar County'),
    industries: ['coal-chemistry', 'wine', 'chemical-materials', 'ecology'],
    seats: [town('吉木萨尔镇', 'Jimsar Town')],
    townships: [
      town('三台镇', 'Santai Town'), town('北庭镇', 'Beiting Town'),
      town('大有镇', 'Dayou Town'), town('泉子街镇', 'Quanzijie Town'),
    ],
  },
  mori: {
    code: 'mori',
    name: town('木垒哈萨克自治县', 'Mori Kazakh Autonomous County'),
    industries: ['livestock', 'food-processing', 'ecology', 'power-equipment'],
    seats: [town('木垒镇', 'Mori Town')],
    townships: [
      town('西吉尔镇', 'Xijier Town'), town('东城镇', 'Dongcheng Town'),
      town('照壁山乡', 'Zhaobishan Township'), town('英格堡乡', 'Yinggebao Township'),
    ],
  },
  zhundong: {
    code: 'zhundong',
    name: town('准东经济技术开发区', 'Zhundong Economic and Technological Development Zone'),
    industries: ['coal-chemistry', 'silicon-materials', 'chemical-materials', 'power-equipment'],
    seats: [town('五彩湾园区', 'Wucaiwan Park'), town('芨芨湖园区', 'Jijihu Park')],
    townships: [],
  },
  hitech: {
    code: 'hitech',
    name: town('昌吉国家高新技术产业开发区', 'Changji National High-tech Industrial Development Zone'),
    industries: ['power-equipment', 'silicon-materials', 'digital', 'medicine', 'chemical-materials'],
    seats: [town('昌吉高新区', 'Changji Hi-tech Zone')],
    townships: [],
  },
  'agri-zone': {
    code: 'agri-zone',
    name: town('昌吉国家农业高新技术产业示范区', 'Changji National Agricultural Hi-tech Industry Demonstration Zone'),
    industries: ['cotton', 'seed-industry', 'biosafety', 'food-processing', 'digital'],
    seats: [town('昌吉农高区', 'Changji Agricultural Hi-tech Zone')],
    townships: [],
  },
};

/** Short zh name used inside generated platform names ("奇台县…", "准东…"). */
export const COUNTY_SHORT: Record<County, Bi> = {
  changji: town('昌吉市', 'Changji'),
  fukang: town('阜康市', 'Fukang'),
  hutubi: town('呼图壁县', 'Hutubi'),
  manas: town('玛纳斯县', 'Manas'),
  qitai: town('奇台县', 'Qitai'),
  jimsar: town('吉木萨尔县', 'Jimsar'),
  mori: town('木垒县', 'Mori'),
  zhundong: town('准东开发区', 'Zhundong'),
  hitech: town('昌吉高新区', 'Changji Hi-tech Zone'),
  'agri-zone': town('昌吉农高区', 'Changji Agricultural Hi-tech Zone'),
};

/** Cities where local firms keep off-site R&D centres. */
export const OFFSITE_CITIES: Bi[] = [
  town('北京市', 'Beijing'), town('上海市', 'Shanghai'), town('西安市', "Xi'an"),
  town('乌鲁木齐市', 'Urumqi'), town('杭州市', 'Hangzhou'), town('南京市', 'Nanjing'),
  town('武汉市', 'Wuhan'), town('成都市', 'Chengdu'), town('深圳市', 'Shenzhen'),
  town('天津市', 'Tianjin'), town('兰州市', 'Lanzhou'), town('合肥市', 'Hefei'),
];

/** The county's English name as it reads inside a sentence: zones take "the". */
export function placeInSentence(county: County): string {
  const en = COUNTY_INFO[county].name.en;
  return en.endsWith('Zone') ? `the ${en}` : en;
}

export function countiesWith(field: Field): County[] {
  return Object.values(COUNTY_INFO)
    .filter((c) => c.industries.includes(field))
    .map((c) => c.code);
}
