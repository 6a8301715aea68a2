/**
 * The words of a need that carry its meaning: the text folded and Simplified as search folds it, Chinese runs cut
 * into words by the same segmenter, English words kept whole, and the words any request would contain left out.
 */
import { fold, isHan, isWordChar, toSimplified } from '../../search/analysis/analysis.js';
import { segmentRun } from '../../search/analysis/segment.js';

/**
 * Words that say what kind of text this is rather than what it is about: who asks (我们, our), that it is a
 * request (需要, need, looking for), for whom (合作伙伴, partner, 企业, company; 专家, 平台, 高校, expert: the kinds of
 * partner are picked on the form, and a kind's label would credit every listing of that kind) and filler. Every need holds them,
 * so matching them would rank the listings whose summaries talk about cooperation and firms, not the problem.
 * Kept short on purpose: rarer general words are weighed down by how many listings hold them instead.
 */
export const STOP_WORDS_ZH = new Set([
  '我们', '我司', '我公司', '本公司', '我厂', '公司', '企业', '单位', '一个', '一家', '一些', '一种', '一条', '希望', '需要', '需求',
  '想要', '寻找', '寻求', '找到', '合作', '合作伙伴', '伙伴', '对接', '帮助', '协助', '提供', '开展', '进行', '目前', '现在', '已经',
  '能够', '可以', '相关', '方面', '问题', '解决', '技术', '项目', '有限公司', '如何', '怎样', '什么', '以及', '还有', '主要', '存在',
  '情况', '比较', '非常', '希望能', '欢迎', '联系', '请', '我们的', '公司的', '建设', '开发', '研发', '应用', '提高', '提升', '改进',
  '优化', '降低', '减少', '实现', '装置', '帮助我们', '指导', '支持', '专家', '专家学者', '平台', '高校', '院校', '团队', '机构', '人才',
]);

/** Characters that join words; jieba sometimes leaves one stuck to a word (`捕集与`), where it would match nothing. */
const JOINERS = /^[的和与及或等之在对]+|[的和与及或等之在对]+$/gu;

/** The English twin of `STOP_WORDS_ZH`, with the usual function words. */
export const STOP_WORDS_EN = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'from', 'into', 'our', 'we', 'us', 'is',
  'are', 'be', 'it', 'its', 'this', 'that', 'these', 'those', 'has', 'have', 'had', 'who', 'which', 'can', 'could', 'would',
  'will', 'need', 'needs', 'needed', 'want', 'wants', 'looking', 'look', 'seek', 'seeking', 'find', 'partner', 'partners',
  'company', 'companies', 'firm', 'firms', 'enterprise', 'help', 'support', 'cooperation', 'cooperate', 'work', 'working',
  'someone', 'some', 'any', 'about', 'how', 'what', 'problem', 'problems', 'solve', 'technology', 'technical', 'project',
  'please', 'contact', 'also', 'very', 'high', 'new', 'ltd', 'co', 'inc', 'who', 'there', 'their', 'them', 'they', 'do',
  'does', 'not', 'no', 'so', 'as', 'but', 'if', 'than', 'then', 'more', 'most', 'other', 'such', 'one', 'two', 'expert',
  'experts', 'expertise', 'platform', 'platforms', 'team', 'teams', 'institution', 'institutions', 'university', 'universities',
  'advise', 'advice', 'advisor', 'guidance', 'specialist', 'specialists', 'partnering',
]);

/** More terms than this only slow the shortlist down: each is one search. The longest ones (most specific) are kept. */
export const MAX_NEED_TERMS = 24;

/** A word of a need: Chinese (`han`) or a folded word of letters. */
export interface NeedTerm {
  kind: 'han' | 'word';
  text: string;
}

/** Splits the folded, Simplified text into runs of Chinese characters and of letters or digits. */
function runsOf(text: string): NeedTerm[] {
  const runs: NeedTerm[] = [];
  let kind: NeedTerm['kind'] | null = null;
  let current = '';
  for (const ch of toSimplified(text.normalize('NFKC'))) {
    const next = isHan(ch) ? 'han' : isWordChar(ch) ? 'word' : null;
    if (next !== kind) {
      if (kind && current) runs.push({ kind, text: kind === 'word' ? fold(current) : current });
      current = '';
      kind = next;
    }
    if (next) current += ch;
  }
  if (kind && current) runs.push({ kind, text: kind === 'word' ? fold(current) : current });
  return runs;
}

/** Longer runs of letters are not words anyone means (a pasted code, a key held down): each would cost a search. */
const MAX_WORD_LENGTH = 40;

function meaningful(term: NeedTerm): boolean {
  const length = Array.from(term.text).length;
  if (length > MAX_WORD_LENGTH) return false;
  if (term.kind === 'han') return length >= 2 && !STOP_WORDS_ZH.has(term.text);
  return length >= 3 && /\p{L}/u.test(term.text) && !STOP_WORDS_EN.has(term.text);
}

/** The distinct meaningful words of a need, in the order they first appear (at most `MAX_NEED_TERMS`). */
export function needTerms(text: string): NeedTerm[] {
  const seen = new Set<string>();
  const terms: NeedTerm[] = [];
  for (const run of runsOf(text)) {
    const words = run.kind === 'han' ? segmentRun(run.text).map((w) => ({ kind: 'han' as const, text: w.replace(JOINERS, '') })) : [run];
    for (const word of words) {
      if (!meaningful(word) || seen.has(word.text)) continue;
      seen.add(word.text);
      terms.push(word);
    }
  }
  if (terms.length <= MAX_NEED_TERMS) return terms;
  const kept = new Set([...terms].sort((a, b) => Array.from(b.text).length - Array.from(a.text).length).slice(0, MAX_NEED_TERMS));
  return terms.filter((t) => kept.has(t));
}
