import type { Org } from './firms.js';
import { COUNTY_INFO, COUNTY_SHORT, placeInSentence } from './places.js';
import type { Rng } from './random.js';
import { FIELD_LABEL } from './topics.js';
import { titleCase } from './text.js';
import type { Bi, County, Field, PlatformKind } from './types.js';

/** Everything a name or summary template may mention. */
export interface Draft {
  kind: PlatformKind;
  national: boolean;
  host: Org;
  county: County;
  fields: [primary: Field, ...others: Field[]];
  topics: [Bi, Bi];
  city: Bi | null;
}

type Template = (d: Draft) => Bi;

const T = (d: Draft): Bi => d.topics[0];
const TT = (d: Draft): string => titleCase(d.topics[0].en);
const place = (d: Draft): Bi => COUNTY_SHORT[d.county];
const cityShort = (d: Draft): string => (d.city ? d.city.zh.replace(/市$/, '') : '');

// Several templates per kind, so that a list of 166 names does not read like one pattern repeated.
const NAMES: Record<PlatformKind, { national: Template[]; regional: Template[] }> = {
  'key-lab': {
    national: [
      (d) => ({ zh: `${T(d).zh}国家地方联合工程实验室`, en: `National-Local Joint Engineering Laboratory of ${TT(d)}` }),
      (d) => ({ zh: `国家${T(d).zh}重点实验室昌吉研究基地`, en: `Changji Research Base of the National Key Laboratory of ${TT(d)}` }),
    ],
    regional: [
      (d) => ({ zh: `新疆${T(d).zh}重点实验室`, en: `Xinjiang Key Laboratory of ${TT(d)}` }),
      (d) => ({ zh: `自治区${T(d).zh}重点实验室`, en: `Xinjiang Regional Key Laboratory of ${TT(d)}` }),
      (d) => ({ zh: `新疆${T(d).zh}与${d.topics[1].zh}重点实验室`, en: `Xinjiang Key Laboratory of ${TT(d)} and ${titleCase(d.topics[1].en)}` }),
    ],
  },
  'engineering-center': {
    national: [
      (d) => ({ zh: `国家${T(d).zh}工程技术研究中心昌吉分中心`, en: `Changji Branch of the National ${TT(d)} Engineering Technology Research Center` }),
      (d) => ({ zh: `${T(d).zh}国家地方联合工程研究中心`, en: `National-Local Joint Engineering Research Center for ${TT(d)}` }),
    ],
    regional: [
      (d) => ({ zh: `新疆${T(d).zh}工程技术研究中心`, en: `Xinjiang ${TT(d)} Engineering Technology Research Center` }),
      (d) => ({ zh: `自治区${T(d).zh}工程研究中心`, en: `Xinjiang Regional Engineering Research Center for ${TT(d)}` }),
      (d) => ({ zh: `新疆${place(d).zh.replace(/(县|市)$/, '')}${T(d).zh}工程技术研究中心`, en: `Xinjiang ${place(d).en} ${TT(d)} Engineering Technology Research Center` }),
    ],
  },
  'enterprise-tech-center': {
    national: [(d) => ({ zh: `${d.host.short.zh}国家企业技术中心`, en: `${d.host.short.en} National Enterprise Technology Center` })],
    regional: [
      (d) => ({ zh: `${d.host.short.zh}企业技术中心`, en: `${d.host.short.en} Enterprise Technology Center` }),
      (d) => ({ zh: `${d.host.short.zh}技术研发中心`, en: `${d.host.short.en} Technology R&D Center` }),
    ],
  },
  'expert-workstation': {
    national: [],
    regional: [
      (d) => ({ zh: `${d.host.short.zh}院士专家工作站`, en: `${d.host.short.en} Academician and Expert Workstation` }),
      (d) => ({ zh: `${d.host.short.zh}${T(d).zh}专家工作站`, en: `${d.host.short.en} Expert Workstation on ${TT(d)}` }),
      (d) => ({ zh: `${place(d).zh}${T(d).zh}院士工作站`, en: `${place(d).en} Academician Workstation on ${TT(d)}` }),
    ],
  },
  incubator: {
    national: [
      (d) => ({ zh: `${place(d).zh}科技企业孵化器`, en: `${place(d).en} Technology Business Incubator` }),
      (d) => ({ zh: `${d.host.brand.zh}众创空间`, en: `${d.host.brand.en} Maker Space` }),
    ],
    regional: [
      (d) => ({ zh: `${place(d).zh}${T(d).zh}众创空间`, en: `${place(d).en} ${TT(d)} Maker Space` }),
      (d) => ({ zh: `${d.host.brand.zh}科创园孵化基地`, en: `${d.host.brand.en} Sci-Tech Park Incubation Base` }),
      (d) => ({ zh: `${place(d).zh}${FIELD_LABEL[d.fields[0]].zh}产业孵化器`, en: `${place(d).en} ${titleCase(FIELD_LABEL[d.fields[0]].en)} Incubator` }),
    ],
  },
  'collaborative-center': {
    national: [(d) => ({ zh: `${T(d).zh}协同创新中心`, en: `${TT(d)} Collaborative Innovation Center` })],
    regional: [
      (d) => ({ zh: `${place(d).zh}${T(d).zh}产业协同创新中心`, en: `${place(d).en} ${TT(d)} Industry Collaborative Innovation Center` }),
      (d) => ({ zh: `新疆${T(d).zh}协同创新中心`, en: `Xinjiang ${TT(d)} Collaborative Innovation Center` }),
    ],
  },
  'expert-service-base': {
    national: [],
    regional: [(d) => ({ zh: `${place(d).zh}${T(d).zh}专家服务基地`, en: `${place(d).en} Expert Service Base for ${TT(d)}` })],
  },
  consortium: { national: [], regional: [] },
  'offsite-rnd': {
    national: [],
    regional: [
      (d) => ({ zh: `${d.host.short.zh}（${cityShort(d)}）研发中心`, en: `${d.host.short.en} R&D Center (${d.city?.en})` }),
      (d) => ({ zh: `${d.host.short.zh}${cityShort(d)}${T(d).zh}研究院`, en: `${d.host.short.en} ${d.city?.en} Institute of ${TT(d)}` }),
    ],
  },
};

export function platformName(d: Draft, rng: Rng): Bi {
  const pool = d.national ? NAMES[d.kind].national : NAMES[d.kind].regional;
  return rng.pick(pool)(d);
}

const INTROS: Record<PlatformKind, Template[]> = {
  'key-lab': [
    (d) => ({ zh: `依托${d.host.full.zh}建设，主要开展${d.topics[0].zh}与${d.topics[1].zh}研究。`, en: `Hosted by ${d.host.full.en}, it works mainly on ${d.topics[0].en} and ${d.topics[1].en}.` }),
    (d) => ({ zh: `由${d.host.short.zh}牵头组建，聚焦${FIELD_LABEL[d.fields[0]].zh}领域的应用基础研究。`, en: `Led by ${d.host.short.en}, it focuses on applied basic research in ${FIELD_LABEL[d.fields[0]].en}.` }),
  ],
  'engineering-center': [
    (d) => ({ zh: `依托${d.host.full.zh}组建，围绕${d.topics[0].zh}开展工程化研究和技术集成。`, en: `Set up at ${d.host.full.en}, it carries out engineering research and technology integration in ${d.topics[0].en}.` }),
    (d) => ({ zh: `面向${COUNTY_INFO[d.county].name.zh}${FIELD_LABEL[d.fields[0]].zh}产业，重点解决${d.topics[0].zh}中的工艺放大和装备配套问题。`, en: `Serving firms in ${FIELD_LABEL[d.fields[0]].en} in ${placeInSentence(d.county)}, it tackles scale-up and equipment questions in ${d.topics[0].en}.` }),
  ],
  'enterprise-tech-center': [
    (d) => ({ zh: `${d.host.full.zh}的企业研发机构，承担${d.topics[0].zh}、${d.topics[1].zh}等方向的新产品开发。`, en: `The in-house R&D unit of ${d.host.full.en}, developing new products in ${d.topics[0].en} and ${d.topics[1].en}.` }),
    (d) => ({ zh: `${d.host.short.zh}设立的技术中心，负责工艺改进、质量检测和技术标准制定。`, en: `The technology centre of ${d.host.short.en}, in charge of process improvement, quality testing and technical standards.` }),
  ],
  'expert-workstation': [
    (d) => ({ zh: `设在${d.host.full.zh}，柔性引进区内外院士和专家团队，围绕${d.topics[0].zh}开展联合攻关。`, en: `Based at ${d.host.full.en}, it engages academicians and expert teams from inside and outside Xinjiang on a flexible basis to work on ${d.topics[0].en}.` }),
    (d) => ({ zh: `为进站专家提供科研条件和生活保障，推动${d.topics[0].zh}技术在${d.host.short.zh}落地。`, en: `It gives resident experts research facilities and living support, and puts ${d.topics[0].en} technology to use at ${d.host.short.en}.` }),
  ],
  incubator: [
    (d) => ({ zh: `面向${FIELD_LABEL[d.fields[0]].zh}领域初创企业，提供办公场地、创业辅导和投融资对接服务。`, en: `It offers start-ups in ${FIELD_LABEL[d.fields[0]].en} office space, mentoring and introductions to investors.` }),
    (d) => ({ zh: `位于${COUNTY_INFO[d.county].name.zh}的创新创业载体，在孵企业以${d.topics[0].zh}方向为主。`, en: `An innovation and start-up base in ${placeInSentence(d.county)}; most firms it incubates work on ${d.topics[0].en}.` }),
  ],
  'collaborative-center': [
    (d) => ({ zh: `由${d.host.short.zh}联合区内外高校、科研院所和企业共建，围绕${d.topics[0].zh}开展协同攻关。`, en: `Built by ${d.host.short.en} with universities, institutes and firms inside and outside Xinjiang to work jointly on ${d.topics[0].en}.` }),
  ],
  'expert-service-base': [
    (d) => ({ zh: `依托${d.host.full.zh}建设，组织专家到${COUNTY_INFO[d.county].name.zh}开展${d.topics[0].zh}技术服务和人才培训。`, en: `Based at ${d.host.full.en}, it brings experts to ${placeInSentence(d.county)} for technical services and training in ${d.topics[0].en}.` }),
  ],
  consortium: [],
  'offsite-rnd': [
    (d) => ({ zh: `${d.host.full.zh}在${d.city?.zh}设立的研发机构，利用当地人才和科研资源开展${d.topics[0].zh}研究，成果回昌吉转化。`, en: `An R&D centre that ${d.host.full.en} runs in ${d.city?.en}, drawing on local talent and research resources for work on ${d.topics[0].en}; results come back to Changji for use.` }),
    (d) => ({ zh: `${d.host.short.zh}的异地研发平台，主要开展${d.topics[0].zh}、${d.topics[1].zh}方向的技术开发和人才引进。`, en: `The off-site R&D platform of ${d.host.short.en}, for technology development and recruitment in ${d.topics[0].en} and ${d.topics[1].en}.` }),
  ],
};

const FOLLOW_UPS: Array<(d: Draft, rng: Rng) => Bi> = [
  () => ({ zh: '可为企业提供中试验证、检测分析和工艺咨询服务。', en: 'It offers pilot testing, analysis and process consulting to firms.' }),
  () => ({ zh: '与区内外高校、科研院所联合培养研究生和技术骨干。', en: 'It trains graduate students and technicians together with universities and institutes inside and outside Xinjiang.' }),
  (d) => ({ zh: `欢迎企业就${d.topics[0].zh}相关技术难题提出合作需求。`, en: `Firms are welcome to bring cooperation requests on problems in ${d.topics[0].en}.` }),
  (d) => ({ zh: `近年来重点推动${d.topics[1].zh}成果在本地转化应用。`, en: `In recent years it has concentrated on putting results in ${d.topics[1].en} to local use.` }),
  () => ({ zh: '主要仪器设备面向中小企业开放共享。', en: 'Its main instruments are open to small and medium-sized firms.' }),
  (_d, rng) => {
    const staff = rng.int(12, 90);
    const senior = Math.max(3, Math.round(staff * rng.int(15, 40) / 100));
    return { zh: `现有研发人员${staff}人，其中高级职称${senior}人。`, en: `It has ${staff} R&D staff, ${senior} of them with senior professional titles.` };
  },
];

// Incubators host start-ups rather than research staff, so they get follow-ups of their own.
const INCUBATOR_FOLLOW_UPS: Array<(d: Draft, rng: Rng) => Bi> = [
  (_d, rng) => {
    const firms = rng.int(8, 45);
    return { zh: `目前在孵企业${firms}家。`, en: `It currently hosts ${firms} start-ups.` };
  },
  () => ({ zh: '提供工商注册、知识产权和科技政策申报代办服务。', en: 'It handles company registration, intellectual property and science-policy applications for its tenants.' }),
  () => ({ zh: '定期举办创业沙龙和项目路演。', en: 'It holds regular start-up meet-ups and pitch days.' }),
];

/** One intro sentence and up to two follow-ups: 1 to 3 sentences in all. */
export function platformSummary(d: Draft, rng: Rng): Bi {
  const sentences = [rng.pick(INTROS[d.kind])(d)];
  const extra = rng.int(0, 2);
  const pool = d.kind === 'incubator' ? INCUBATOR_FOLLOW_UPS : FOLLOW_UPS;
  for (const f of rng.sample(pool, extra)) sentences.push(f(d, rng));
  return { zh: sentences.map((s) => s.zh).join(''), en: sentences.map((s) => s.en).join(' ') };
}
