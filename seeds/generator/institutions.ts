import type { Org } from './firms.js';
import type { County, Field, Institution } from './types.js';

const XJ = { zh: '新疆维吾尔自治区', en: 'Xinjiang Uygur Autonomous Region' };

interface InstitutionSpec {
  name: string;
  nameEn: string;
  type: Institution['type'];
  city: [string, string];
  province: { zh: string; en: string };
  county: County;
  fields: Field[];
  agreementYear: number;
  summary: [string, string];
  source: Institution['source'];
}

// The two institutions the report names, with only what the report says of them.
const FACTS: InstitutionSpec[] = [
  {
    name: '中国农业科学院西部农业研究中心',
    nameEn: 'Western Agricultural Research Center of the Chinese Academy of Agricultural Sciences',
    type: 'institute',
    city: ['昌吉市', 'Changji'], province: XJ,
    county: 'agri-zone', fields: ['cotton', 'seed-industry'],
    agreementYear: 2022,
    summary: [
      '中国农业科学院在昌吉国家农业高新技术产业示范区的科研机构，是农高区集聚的3家科研院所之一。农高区以棉花为主导产业，重点培育以优质棉为核心，以现代种业、农副食品加工、涉农服务业为支撑的产业集群。',
      'A research centre of the Chinese Academy of Agricultural Sciences in the Changji National Agricultural Hi-tech Industry Demonstration Zone, one of the three research institutes gathered there. The zone is cotton-led, with high-quality cotton at its core supported by the modern seed industry, agricultural food processing and agricultural services.',
    ],
    source: 'report-2022',
  },
  {
    name: '中科院新疆分院',
    nameEn: 'Xinjiang Branch of the Chinese Academy of Sciences',
    type: 'institute',
    city: ['乌鲁木齐市', 'Urumqi'], province: XJ,
    county: 'changji', fields: ['ecology', 'chemical-materials'],
    agreementYear: 2022,
    summary: [
      '昌吉州的科技合作单位。2022年以来，昌吉州深化院地会商等工作机制，与中科院新疆分院签署“十四五”科技合作战略协议。',
      "A science and technology cooperation partner of the prefecture. Since 2022 Changji has deepened its academy-local consultation mechanisms and signed a strategic science and technology cooperation agreement for the 14th Five-Year Plan period with the CAS Xinjiang Branch.",
    ],
    source: 'report-2022',
  },
];

// The report counts 6 universities and 3 institutes without naming them (apart from the two above):
// these are generated names, deliberately not those of real universities.
const SAMPLES: InstitutionSpec[] = [
  {
    name: '天山理工大学', nameEn: 'Tianshan University of Technology', type: 'university',
    city: ['乌鲁木齐市', 'Urumqi'], province: XJ, county: 'hitech',
    fields: ['power-equipment', 'silicon-materials', 'digital'], agreementYear: 2018,
    summary: [
      '以工科见长的综合性大学，与昌吉高新区企业共建输变电装备、光伏硅材料方向的联合实验室。每年选派教师到园区企业开展技术服务。',
      'A comprehensive university strong in engineering that runs joint laboratories on power transmission equipment and photovoltaic silicon materials with firms of the Changji Hi-tech Zone. It sends teachers to firms in the zone every year for technical services.',
    ],
    source: 'sample',
  },
  {
    name: '准噶尔农业大学', nameEn: 'Junggar Agricultural University', type: 'university',
    city: ['昌吉市', 'Changji'], province: XJ, county: 'agri-zone',
    fields: ['cotton', 'seed-industry', 'wine'], agreementYear: 2016,
    summary: [
      '农业院校，在棉花育种、种业和酿酒葡萄栽培方面与昌吉农高区长期合作。',
      'An agricultural university with long-standing cooperation with the Changji Agricultural Hi-tech Zone on cotton breeding, the seed industry and wine grape cultivation.',
    ],
    source: 'sample',
  },
  {
    name: '太行能源化工大学', nameEn: 'Taihang University of Energy and Chemical Engineering', type: 'university',
    city: ['太原市', 'Taiyuan'], province: { zh: '山西省', en: 'Shanxi Province' }, county: 'zhundong',
    fields: ['coal-chemistry', 'chemical-materials'], agreementYear: 2021,
    summary: [
      '以煤炭开采、煤化工和化工新材料为特色的高校。与准东开发区围绕高碱煤清洁燃烧、煤基固废利用开展联合攻关，并在园区设立研究生工作站。',
      'A university specialised in coal mining, coal chemistry and advanced chemical materials. It works with the Zhundong zone on clean combustion of high-alkali coal and coal-based solid waste, and runs a graduate workstation in the zone.',
    ],
    source: 'sample',
  },
  {
    name: '榕城农林科技大学', nameEn: 'Rongcheng University of Agriculture and Forestry', type: 'university',
    city: ['福州市', 'Fuzhou'], province: { zh: '福建省', en: 'Fujian Province' }, county: 'qitai',
    fields: ['seed-industry', 'food-processing', 'biosafety'], agreementYear: 2020,
    summary: [
      '农林类高校，重点在作物种质资源、农产品加工和植物检疫方面提供技术支持。近年在奇台县建设小麦育种试验基地。',
      'An agricultural and forestry university supporting crop germplasm, food processing and plant quarantine work. It has recently set up a wheat breeding trial site in Qitai County.',
    ],
    source: 'sample',
  },
  {
    name: '秦岭畜牧兽医大学', nameEn: 'Qinling University of Animal Science and Veterinary Medicine', type: 'university',
    city: ['西安市', "Xi'an"], province: { zh: '陕西省', en: 'Shaanxi Province' }, county: 'hutubi',
    fields: ['livestock', 'food-processing', 'medicine'], agreementYear: 2019,
    summary: [
      '畜牧兽医特色高校，在奶牛遗传育种、动物疫病防控和乳品加工方面与呼图壁县企业合作。',
      'A university focused on animal science and veterinary medicine, working with firms in Hutubi County on dairy cattle breeding, animal disease control and dairy processing.',
    ],
    source: 'sample',
  },
  {
    name: '陇原医药大学', nameEn: 'Longyuan Medical University', type: 'university',
    city: ['兰州市', 'Lanzhou'], province: { zh: '甘肃省', en: 'Gansu Province' }, county: 'fukang',
    fields: ['medicine'], agreementYear: 2017,
    summary: [
      '医药类高校，研究方向包括民族医药、中药材种植和天然产物提取。与阜康市共建中药材良种繁育示范田。',
      'A medical university working on ethnic medicine, medicinal herb cultivation and natural product extraction. It runs a medicinal herb seed demonstration field with Fukang City.',
    ],
    source: 'sample',
  },
  {
    name: '庭州煤化工技术研究院', nameEn: 'Tingzhou Coal Chemical Technology Research Institute', type: 'institute',
    city: ['昌吉市', 'Changji'], province: XJ, county: 'zhundong',
    fields: ['coal-chemistry', 'chemical-materials'], agreementYear: 2019,
    summary: [
      '面向准东煤炭资源的应用研究机构，主攻煤炭分质利用、煤制烯烃和煤化工废水处理。可为园区企业提供工艺包开发与中试服务。',
      'An applied research institute for the coal resources of Zhundong, working on staged coal utilisation, coal-to-olefins and coal chemical wastewater treatment. It offers process package development and pilot runs to firms of the zone.',
    ],
    source: 'sample',
  },
];

function toRecord(spec: InstitutionSpec): Institution {
  return {
    name: spec.name,
    nameEn: spec.nameEn,
    summary: spec.summary[0],
    summaryEn: spec.summary[1],
    county: spec.county,
    fields: spec.fields,
    source: spec.source,
    status: 'active',
    type: spec.type,
    location: `${spec.city[0]}, ${spec.province.zh}`,
    locationEn: `${spec.city[1]}, ${spec.province.en}`,
    agreementYear: spec.agreementYear,
  };
}

/** Universities first, then institutes: the order a reader of the report expects (6 + 3). */
export function buildInstitutions(): Institution[] {
  const all = [...FACTS, ...SAMPLES].map(toRecord);
  return [...all.filter((i) => i.type === 'university'), ...all.filter((i) => i.type === 'institute')];
}

/**
 * Sample institutions as organisations that can host platforms or employ experts. The two real
 * institutes are left out: generated people must not appear as staff of a real employer.
 */
export function sampleInstitutionOrgs(institutions: Institution[]): Org[] {
  return institutions
    .filter((i) => i.source === 'sample')
    .map((i) => ({
      brand: { zh: i.name, en: i.nameEn },
      short: { zh: i.name, en: i.nameEn },
      full: { zh: i.name, en: i.nameEn },
      county: i.county,
      fields: i.fields,
      kind: 'institution' as const,
    }));
}
