import type { Bi, Field } from './types.js';

const b = (zh: string, en: string): Bi => ({ zh, en });

export const FIELD_LABEL: Record<Field, Bi> = {
  'coal-chemistry': b('煤炭清洁利用与煤化工', 'clean coal use and coal chemistry'),
  'power-equipment': b('输变电装备与新能源', 'power transmission equipment and new energy'),
  'silicon-materials': b('多晶硅与硅基新材料', 'polysilicon and silicon-based materials'),
  'chemical-materials': b('化工新材料', 'advanced chemical materials'),
  cotton: b('棉花', 'cotton'),
  'seed-industry': b('现代种业', 'modern seed industry'),
  livestock: b('畜牧与乳业', 'livestock and dairy'),
  'food-processing': b('农副食品加工', 'agricultural food processing'),
  wine: b('酿酒葡萄与葡萄酒', 'wine grapes and wine'),
  biosafety: b('农业生物安全', 'agricultural biosafety'),
  digital: b('数字经济与工业互联网', 'digital economy and industrial internet'),
  logistics: b('商贸物流', 'trade and logistics'),
  ecology: b('生态环保', 'ecology and environmental protection'),
  medicine: b('生物医药', 'biomedicine'),
};

/**
 * Research directions, used in platform names and summaries. English is kept in sentence case
 * so it can sit inside a sentence; names get title case from text.ts.
 */
export const TOPICS: Record<Field, Bi[]> = {
  'coal-chemistry': [
    b('煤炭清洁转化', 'clean coal conversion'), b('煤基固废资源化利用', 'coal-based solid waste utilization'),
    b('煤制烯烃', 'coal-to-olefins'), b('煤炭分质利用', 'staged coal utilization'),
    b('高碱煤清洁燃烧', 'clean combustion of high-alkali coal'), b('煤气化', 'coal gasification'),
  ],
  'power-equipment': [
    b('特高压输变电装备', 'UHV transmission equipment'), b('智能电网', 'smart grid'),
    b('风光储一体化', 'wind-solar-storage integration'), b('电力电子', 'power electronics'),
    b('储能系统', 'energy storage systems'), b('新能源并网', 'renewable grid integration'),
  ],
  'silicon-materials': [
    b('多晶硅提纯', 'polysilicon purification'), b('工业硅冶炼', 'industrial silicon smelting'),
    b('有机硅材料', 'organosilicon materials'), b('光伏硅材料', 'photovoltaic silicon materials'),
    b('硅基新材料', 'silicon-based new materials'),
  ],
  'chemical-materials': [
    b('精细化工', 'fine chemicals'), b('可降解材料', 'biodegradable materials'),
    b('氯碱化工', 'chlor-alkali chemicals'), b('高性能树脂', 'high-performance resins'),
    b('化工过程安全', 'chemical process safety'), b('电子化学品', 'electronic chemicals'),
  ],
  cotton: [
    b('优质棉育种', 'high-quality cotton breeding'), b('棉花全程机械化', 'fully mechanised cotton production'),
    b('棉花水肥一体化', 'integrated water and fertiliser management for cotton'),
    b('棉纤维品质', 'cotton fibre quality'), b('棉花病虫害绿色防控', 'green control of cotton pests'),
  ],
  'seed-industry': [
    b('作物种质资源', 'crop germplasm resources'), b('玉米育种', 'maize breeding'),
    b('小麦育种', 'wheat breeding'), b('制种技术', 'seed production technology'),
    b('分子育种', 'molecular breeding'), b('种子质量检测', 'seed quality testing'),
  ],
  livestock: [
    b('奶牛遗传育种', 'dairy cattle genetics and breeding'), b('肉羊繁育', 'meat sheep breeding'),
    b('乳品加工', 'dairy processing'), b('饲草料', 'forage and feed'),
    b('动物疫病防控', 'animal disease control'), b('牛胚胎移植', 'bovine embryo transfer'),
  ],
  'food-processing': [
    b('番茄精深加工', 'tomato deep processing'), b('农产品保鲜', 'agricultural product preservation'),
    b('食用油加工', 'edible oil processing'), b('特色果蔬加工', 'specialty fruit and vegetable processing'),
    b('食品安全检测', 'food safety testing'), b('辣椒深加工', 'chili pepper processing'),
  ],
  wine: [
    b('酿酒葡萄栽培', 'wine grape cultivation'), b('葡萄酒酿造', 'winemaking'),
    b('葡萄酒品质控制', 'wine quality control'), b('葡萄抗寒栽培', 'cold-hardy grape cultivation'),
  ],
  biosafety: [
    b('外来入侵生物防控', 'invasive species control'), b('植物检疫', 'plant quarantine'),
    b('转基因检测', 'GMO detection'), b('农作物病虫害监测', 'crop pest monitoring'),
    b('农业微生物安全', 'agricultural microbial safety'),
  ],
  digital: [
    b('工业互联网', 'industrial internet'), b('智慧农业', 'smart agriculture'),
    b('工业大数据', 'industrial big data'), b('标识解析应用', 'identifier resolution applications'),
    b('智能制造', 'intelligent manufacturing'),
  ],
  logistics: [
    b('冷链物流', 'cold-chain logistics'), b('智慧物流', 'smart logistics'),
    b('多式联运', 'multimodal transport'), b('供应链管理', 'supply chain management'),
    b('跨境电商', 'cross-border e-commerce'),
  ],
  ecology: [
    b('荒漠生态修复', 'desert ecological restoration'), b('矿区生态治理', 'mine site restoration'),
    b('工业废水处理', 'industrial wastewater treatment'), b('节水灌溉', 'water-saving irrigation'),
    b('大气污染防治', 'air pollution control'), b('盐碱地改良', 'saline soil improvement'),
  ],
  medicine: [
    b('民族医药', 'ethnic medicine'), b('中药材种植', 'medicinal herb cultivation'),
    b('生物制药', 'biopharmaceuticals'), b('兽用生物制品', 'veterinary biologics'),
    b('天然产物提取', 'natural product extraction'),
  ],
};

/** Extra expertise keywords beyond the topics, so expert profiles read less like platform names. */
const EXTRA_KEYWORDS: Record<Field, Bi[]> = {
  'coal-chemistry': [b('煤化工', 'coal chemistry'), b('煤焦油加工', 'coal tar processing'), b('碳捕集利用', 'carbon capture and use')],
  'power-equipment': [b('变压器设计', 'transformer design'), b('高压绝缘', 'high-voltage insulation'), b('光伏发电', 'photovoltaic power')],
  'silicon-materials': [b('晶体生长', 'crystal growth'), b('硅烷化学', 'silane chemistry'), b('冶金工艺', 'metallurgical processes')],
  'chemical-materials': [b('催化剂', 'catalysts'), b('高分子材料', 'polymer materials'), b('化工工艺', 'chemical processes')],
  cotton: [b('棉花栽培', 'cotton cultivation'), b('棉花品种选育', 'cotton variety selection'), b('棉田管理', 'cotton field management')],
  'seed-industry': [b('种业', 'seed industry'), b('遗传育种', 'genetic improvement'), b('杂交制种', 'hybrid seed production')],
  livestock: [b('奶牛养殖', 'dairy farming'), b('动物营养', 'animal nutrition'), b('繁殖生理', 'reproductive physiology')],
  'food-processing': [b('食品工程', 'food engineering'), b('发酵工程', 'fermentation engineering'), b('农产品贮藏', 'produce storage')],
  wine: [b('葡萄栽培', 'viticulture'), b('酿酒微生物', 'wine microbiology'), b('葡萄酒感官评价', 'wine sensory evaluation')],
  biosafety: [b('植物保护', 'plant protection'), b('生物安全风险评估', 'biosafety risk assessment'), b('入侵生物学', 'invasion biology')],
  digital: [b('大数据', 'big data'), b('物联网', 'internet of things'), b('工业软件', 'industrial software')],
  logistics: [b('物流规划', 'logistics planning'), b('电子商务', 'e-commerce'), b('仓储管理', 'warehouse management')],
  ecology: [b('生态修复', 'ecological restoration'), b('水资源管理', 'water resource management'), b('环境监测', 'environmental monitoring')],
  medicine: [b('药物化学', 'medicinal chemistry'), b('中药学', 'traditional Chinese pharmacy'), b('药理学', 'pharmacology')],
};

export function keywordsOf(field: Field): Bi[] {
  return [...TOPICS[field], ...EXTRA_KEYWORDS[field]];
}

/** Fields that commonly go together, for a listing's second or third field. */
export const RELATED: Record<Field, Field[]> = {
  'coal-chemistry': ['chemical-materials', 'ecology', 'power-equipment'],
  'power-equipment': ['digital', 'silicon-materials'],
  'silicon-materials': ['chemical-materials', 'power-equipment'],
  'chemical-materials': ['coal-chemistry', 'silicon-materials', 'ecology'],
  cotton: ['seed-industry', 'biosafety', 'digital'],
  'seed-industry': ['cotton', 'biosafety'],
  livestock: ['food-processing', 'seed-industry', 'medicine'],
  'food-processing': ['livestock', 'logistics', 'wine'],
  wine: ['food-processing', 'ecology'],
  biosafety: ['seed-industry', 'cotton', 'ecology'],
  digital: ['logistics', 'power-equipment'],
  logistics: ['digital', 'food-processing'],
  ecology: ['coal-chemistry', 'biosafety'],
  medicine: ['livestock', 'biosafety'],
};
