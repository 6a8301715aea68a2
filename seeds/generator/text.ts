import { pinyin } from 'pinyin-pro';
import type { Bi } from './types.js';

const SMALL_WORDS = new Set(['of', 'and', 'for', 'the', 'on', 'in', 'to']);

/** Title case for names built from sentence-case topics; keeps acronyms such as UHV or GMO. */
export function titleCase(text: string): string {
  return text
    .split(' ')
    .map((word, i) => (i > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function listZh(items: string[]): string {
  return items.join('、');
}

export function listEn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Joins zh and en sentences of a summary in step. */
export function joinSentences(sentences: Bi[]): Bi {
  return { zh: sentences.map((s) => s.zh).join(''), en: sentences.map((s) => s.en).join(' ') };
}

/**
 * "张晓明" → "Zhang Xiaoming". Surname mode reads 单, 曾, 解 as surnames; the name pools
 * avoid given-name characters whose reading depends on context.
 */
export function personNameEn(surname: string, given: string): string {
  const sur = pinyin(surname, { toneType: 'none', type: 'array', surname: 'head' }).join('');
  const giv = pinyin(given, { toneType: 'none', type: 'array' }).join('');
  return `${capitalise(sur.replace(/ü/g, 'v'))} ${capitalise(giv.replace(/ü/g, 'v'))}`;
}
