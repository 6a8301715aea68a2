import { COUNTY_INFO } from './places.js';
import { Rng } from './random.js';
import { COUNTIES, type Bi, type County, type Field } from './types.js';

/** An organisation that can host a platform or employ an expert. */
export interface Org {
  /** The distinctive part of the name ("昌润"), for names such as "昌润众创空间". */
  brand: Bi;
  short: Bi;
  full: Bi;
  county: County;
  fields: Field[];
  kind: 'firm' | 'institution';
}

// Brand syllables for generated firm names. English is written out rather than derived,
// so that polyphones cannot slip through; common national brands are left out on purpose.
const BRANDS: Array<[string, string]> = [
  ['昌润', 'Changrun'], ['庭川', 'Tingchuan'], ['瀚阳', 'Hanyang'], ['博峰', 'Bofeng'], ['准泰', 'Zhuntai'],
  ['丝源', 'Siyuan'], ['金垦', 'Jinken'], ['绿川', 'Lvchuan'], ['雪峰', 'Xuefeng'], ['天禾', 'Tianhe'],
  ['瑞丰', 'Ruifeng'], ['恒昌', 'Hengchang'], ['鑫泉', 'Xinquan'], ['华疆', 'Huajiang'], ['嘉禾', 'Jiahe'],
  ['润田', 'Runtian'], ['丰泽', 'Fengze'], ['沃野', 'Woye'], ['晟达', 'Shengda'], ['宏盛', 'Hongsheng'],
  ['远航', 'Yuanhang'], ['天澜', 'Tianlan'], ['峻源', 'Junyuan'], ['云岭', 'Yunling'], ['中瀚', 'Zhonghan'],
  ['盛邦', 'Shengbang'], ['华弘', 'Huahong'], ['汇通', 'Huitong'], ['泓源', 'Hongyuan'], ['星河', 'Xinghe'],
  ['睿驰', 'Ruichi'], ['广利', 'Guangli'], ['鼎泰', 'Dingtai'], ['泽源', 'Zeyuan'], ['弘毅', 'Hongyi'],
  ['安澜', 'Anlan'], ['锦绣', 'Jinxiu'], ['玉泉', 'Yuquan'], ['金穗', 'Jinsui'], ['瑞牧', 'Ruimu'],
  ['雪域', 'Xueyu'], ['丰疆', 'Fengjiang'], ['西牧', 'Ximu'], ['澄明', 'Chengming'], ['清源', 'Qingyuan'],
  ['碧水', 'Bishui'], ['蓝天', 'Lantian'], ['绿源', 'Lvyuan'], ['沐阳', 'Muyang'], ['朗润', 'Langrun'],
  ['华晟', 'Huasheng'], ['协力', 'Xieli'], ['立信', 'Lixin'], ['恒远', 'Hengyuan'], ['通达', 'Tongda'],
  ['驰远', 'Chiyuan'], ['凯瑞', 'Kairui'], ['同创', 'Tongchuang'], ['海川', 'Haichuan'], ['伊禾', 'Yihe'],
  ['东泓', 'Donghong'], ['博远', 'Boyuan'], ['天峻', 'Tianjun'], ['金泽', 'Jinze'], ['新垦', 'Xinken'],
];

// [short suffix, company suffix, English]
const INDUSTRY_WORDS: Record<Field, Array<[string, string, string]>> = {
  'coal-chemistry': [['能源化工', '能源化工有限公司', 'Energy & Chemical'], ['煤业', '煤业有限责任公司', 'Coal Industry'], ['煤化', '煤化工有限公司', 'Coal Chemical']],
  'power-equipment': [['电气', '电气股份有限公司', 'Electric'], ['新能源', '新能源科技有限公司', 'New Energy'], ['输变电', '输变电设备有限公司', 'Power Transmission Equipment']],
  'silicon-materials': [['硅业', '硅业有限公司', 'Silicon'], ['新材料', '新材料科技有限公司', 'New Materials'], ['晶硅', '晶硅材料有限公司', 'Crystalline Silicon']],
  'chemical-materials': [['化工', '化工股份有限公司', 'Chemical'], ['精细化工', '精细化工有限公司', 'Fine Chemicals'], ['高分子', '高分子材料有限公司', 'Polymer Materials']],
  cotton: [['棉业', '棉业有限公司', 'Cotton'], ['棉花科技', '棉花科技有限公司', 'Cotton Technology']],
  'seed-industry': [['种业', '种业有限公司', 'Seed'], ['农业科技', '农业科技有限公司', 'Agricultural Technology']],
  livestock: [['牧业', '牧业有限公司', 'Animal Husbandry'], ['乳业', '乳业有限公司', 'Dairy'], ['畜牧科技', '畜牧科技有限公司', 'Livestock Technology']],
  'food-processing': [['食品', '食品有限公司', 'Food'], ['农产品', '农产品加工有限公司', 'Agricultural Products'], ['粮油', '粮油有限公司', 'Grain and Oil']],
  wine: [['酒庄', '酒庄有限公司', 'Winery'], ['葡萄酒业', '葡萄酒业有限公司', 'Wine']],
  biosafety: [['生物科技', '生物科技有限公司', 'Biotechnology'], ['植保', '植保科技有限公司', 'Plant Protection']],
  digital: [['信息技术', '信息技术有限公司', 'Information Technology'], ['数字科技', '数字科技有限公司', 'Digital Technology']],
  logistics: [['物流', '物流有限公司', 'Logistics'], ['供应链', '供应链管理有限公司', 'Supply Chain']],
  ecology: [['环保', '环保科技有限公司', 'Environmental Technology'], ['生态', '生态环境工程有限公司', 'Eco-Environmental Engineering']],
  medicine: [['药业', '药业有限公司', 'Pharmaceutical'], ['生物医药', '生物医药有限公司', 'Biomedical']],
};

/**
 * The three seed-industry firms the report names. Platforms they host are still samples:
 * the report names the firms, not any platform of theirs.
 */
export const NAMED_SEED_FIRMS: Org[] = [
  {
    brand: { zh: '九圣禾', en: 'Jiushenghe' },
    short: { zh: '九圣禾种业', en: 'Jiushenghe Seed' },
    full: { zh: '九圣禾种业股份有限公司', en: 'Jiushenghe Seed Industry Co., Ltd.' },
    county: 'changji', fields: ['seed-industry', 'cotton'], kind: 'firm',
  },
  {
    brand: { zh: '天山畜牧', en: 'Tianshan Animal Husbandry' },
    short: { zh: '天山畜牧', en: 'Tianshan Animal Husbandry' },
    full: { zh: '新疆天山畜牧生物工程股份有限公司', en: 'Xinjiang Tianshan Animal Husbandry Bio-engineering Co., Ltd.' },
    county: 'changji', fields: ['livestock', 'seed-industry'], kind: 'firm',
  },
  {
    brand: { zh: '呼图壁种牛场', en: 'Hutubi Breeding Cattle Farm' },
    short: { zh: '呼图壁种牛场', en: 'Hutubi Breeding Cattle Farm' },
    full: { zh: '新疆呼图壁种牛场有限公司', en: 'Xinjiang Hutubi Breeding Cattle Farm Co., Ltd.' },
    county: 'hutubi', fields: ['livestock', 'seed-industry'], kind: 'firm',
  },
];

/** The item at `i`, counting round the list. */
function cycled<T>(items: readonly T[], i: number): T {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('an empty list has no items to cycle through');
  return item;
}

/**
 * Generated local firms. Firm i sits in county i mod 10 and takes that county's industries in turn,
 * so every county and every local industry is represented whatever the random draws are.
 */
export function generateFirms(count: number): Org[] {
  const rng = new Rng('firms');
  const brands = rng.shuffle(BRANDS);
  const seen = new Set<string>();
  const firms: Org[] = [];
  for (let i = 0; firms.length < count; i++) {
    const county = cycled(COUNTIES, i);
    const field = cycled(COUNTY_INFO[county].industries, Math.floor(i / COUNTIES.length));
    const [brandZh, brandEn] = cycled(brands, i);
    const [shortSuffix, fullSuffix, en] = rng.pick(INDUSTRY_WORDS[field]);
    const shortZh = brandZh + shortSuffix;
    if (seen.has(shortZh)) continue;
    seen.add(shortZh);
    firms.push({
      brand: { zh: brandZh, en: brandEn },
      short: { zh: shortZh, en: `${brandEn} ${en}` },
      full: { zh: `新疆${brandZh}${fullSuffix}`, en: `Xinjiang ${brandEn} ${en} Co., Ltd.` },
      county,
      fields: [field],
      kind: 'firm',
    });
  }
  return firms;
}
