import type { Platform } from './types.js';

type Fact = Omit<Platform, 'source' | 'status' | 'location' | 'locationEn'>;

// The platforms the report names. Summaries paraphrase the report and nothing more;
// "established" is 2022 because the report describes each as approved, launched or built in that year.
const FACTS: Fact[] = [
  {
    name: '准东国家级煤炭清洁高效低碳利用技术专家服务基地',
    nameEn: 'Zhundong National Expert Service Base for Clean, Efficient and Low-carbon Coal Utilization Technology',
    summary: '在深化“四方合作”中成功获批的国家级专家服务基地，服务方向为煤炭清洁高效低碳利用技术。所在的准东经济技术开发区已创建为国家新型工业化示范基地。',
    summaryEn: 'A national expert service base for clean, efficient and low-carbon coal utilization technology, approved as part of the prefecture\'s deepening "four-party cooperation". Its home, the Zhundong Economic and Technological Development Zone, has become a national new-industrialization demonstration base.',
    county: 'zhundong',
    fields: ['coal-chemistry'],
    kind: 'expert-service-base',
    level: 'national',
    host: '准东经济技术开发区',
    hostEn: 'Zhundong Economic and Technological Development Zone',
    established: 2022,
  },
  {
    name: '碳基能源资源化学与利用国家重点实验室协同创新中心',
    nameEn: 'Collaborative Innovation Center of the State Key Laboratory of Chemistry and Utilization of Carbon-based Energy Resources',
    summary: '碳基能源资源化学与利用国家重点实验室的协同创新中心，于2022年落户昌吉，是昌吉州深化“四方合作”的成果之一。',
    summaryEn: 'The collaborative innovation centre of the State Key Laboratory of Chemistry and Utilization of Carbon-based Energy Resources. It settled in Changji in 2022, one of the results of the prefecture\'s deepening "four-party cooperation".',
    county: 'zhundong',
    fields: ['coal-chemistry', 'chemical-materials'],
    kind: 'collaborative-center',
    level: 'national',
    host: '碳基能源资源化学与利用国家重点实验室',
    hostEn: 'State Key Laboratory of Chemistry and Utilization of Carbon-based Energy Resources',
    established: 2022,
  },
  {
    name: '国家农业生物安全科学中心西北中心',
    nameEn: 'North-west Center of the National Agricultural Biosafety Science Center',
    summary: '昌吉州与中国农业科学院联合启动建设的战略科技平台，是国家农业生物安全科学中心在西北的中心。',
    summaryEn: 'A strategic science and technology platform whose construction the prefecture launched jointly with the Chinese Academy of Agricultural Sciences: the north-west centre of the National Agricultural Biosafety Science Center.',
    county: 'agri-zone',
    fields: ['biosafety'],
    kind: 'collaborative-center',
    level: 'national',
    host: '中国农业科学院',
    hostEn: 'Chinese Academy of Agricultural Sciences',
    established: 2022,
  },
  {
    name: '特变电工产学研创新联合体',
    nameEn: 'TBEA Industry-University-Research Innovation Consortium',
    summary: '昌吉州建成的两个产学研创新联合体之一，由特变电工牵头。联合体建成后，一批新技术、新工艺、新产品研发获得新突破。',
    summaryEn: 'One of the two industry-university-research innovation consortia built in the prefecture, led by TBEA. The consortia have brought breakthroughs in a number of new technologies, processes and products.',
    county: 'changji',
    fields: ['power-equipment'],
    kind: 'consortium',
    level: 'regional',
    host: '特变电工股份有限公司',
    hostEn: 'TBEA Co., Ltd.',
    established: 2022,
  },
  {
    name: '泰昆集团产学研创新联合体',
    nameEn: 'Taikun Group Industry-University-Research Innovation Consortium',
    summary: '昌吉州建成的两个产学研创新联合体之一，由泰昆集团牵头，与特变电工产学研创新联合体一道推动企业新技术、新产品研发。',
    summaryEn: 'One of the two industry-university-research innovation consortia built in the prefecture, led by Taikun Group; together with the TBEA consortium it drives the development of new technologies and products.',
    county: 'changji',
    fields: ['livestock', 'food-processing'],
    kind: 'consortium',
    level: 'regional',
    host: '泰昆集团',
    hostEn: 'Taikun Group',
    established: 2022,
  },
];

export function platformFacts(): Platform[] {
  return FACTS.map((f) => ({ ...f, source: 'report-2022', status: 'active', location: null, locationEn: null }));
}
