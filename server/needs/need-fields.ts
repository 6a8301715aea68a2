/**
 * The industry fields a need names when the firm picked none: a field is named when the text holds a part of its
 * label (`煤化工` of 煤炭清洁利用与煤化工, `dairy` of Livestock and dairy) or one of a few words of its trade.
 */
import { codeLabel } from '../../search/analysis/labels.js';
import { fold, toSimplified } from '../../search/analysis/analysis.js';
import { VOCAB } from '../collections/vocab.js';
import type { NeedTerm } from './need-terms.js';

/**
 * Words of each trade that its label lacks, in both languages. Short on purpose: a field inferred wrongly only
 * adds a reason and a small bonus, and the firm can pick its fields itself.
 */
const TRADE_WORDS: Record<string, string[]> = {
  'coal-chemistry': ['煤', '焦化', '兰炭', '气化', '煤制', 'coal', 'coking', 'gasification'],
  'power-equipment': ['变压器', '光伏', '风电', '储能', '电网', '输电', 'transformer', 'photovoltaic', 'wind power', 'energy storage', 'grid'],
  'silicon-materials': ['硅', '晶硅', 'silicon', 'polysilicon'],
  'chemical-materials': ['新材料', '高分子', '催化剂', 'new materials', 'polymer', 'catalyst'],
  cotton: ['棉', '采棉', '轧花', 'cotton'],
  'seed-industry': ['种子', '育种', '良种', '制种', '品种', 'seed', 'breeding', 'variety', 'varieties'],
  livestock: ['奶牛', '牛奶', '牛', '羊', '养殖', '饲料', '乳', '兽', 'dairy', 'cattle', 'cow', 'sheep', 'milk', 'feed', 'livestock', 'veterinary'],
  'food-processing': ['食品', '番茄', '辣椒', '面粉', '保鲜', 'food', 'tomato'],
  wine: ['葡萄', '酒', 'wine', 'grape', 'winery'],
  biosafety: ['生物安全', '病虫害', '检疫', '入侵', '防控', 'biosafety', 'pest', 'quarantine', 'invasive'],
  digital: ['数字', '数据', '软件', '互联网', '智能', '信息化', 'digital', 'data', 'software', 'internet', 'intelligent', 'smart'],
  logistics: ['物流', '仓储', '冷链', '供应链', 'logistics', 'warehouse', 'cold chain', 'supply chain'],
  ecology: ['环保', '废水', '污水', '废气', '固废', '生态', '节水', 'wastewater', 'emission', 'ecolog', 'environment', 'waste'],
  medicine: ['医药', '药物', '疫苗', '生物制品', 'pharma', 'medicine', 'drug', 'vaccine'],
};

/** A label's parts as a user would write them: `煤炭清洁利用与煤化工` → 煤炭清洁利用, 煤化工. */
function labelParts(code: string): string[] {
  const zh = codeLabel('zh', 'field', code).split(/[与和、]/);
  const en = fold(codeLabel('en', 'field', code)).split(/\s+and\s+/);
  return [...zh, ...en].map((p) => p.trim()).filter((p) => p.length >= 2);
}

/** The fields the text names, in vocabulary order. `terms` are its meaningful words (an English cue is a whole word). */
export function inferFields(text: string, terms: NeedTerm[]): string[] {
  const folded = fold(toSimplified(text.normalize('NFKC')));
  const words = new Set(terms.filter((t) => t.kind === 'word').map((t) => t.text));
  const holds = (cue: string) => (/^[a-z ]+$/.test(cue) ? (cue.includes(' ') ? folded.includes(cue) : [...words].some((w) => w.startsWith(cue))) : folded.includes(cue));
  return VOCAB.field.filter((code) => [...labelParts(code), ...(TRADE_WORDS[code] ?? [])].some(holds));
}
