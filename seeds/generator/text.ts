import { pinyin } from 'pinyin-pro';

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

/**
 * "张晓明" → "Zhang Xiaoming". Surname mode reads 单, 曾, 解 as surnames; the name pools
 * avoid given-name characters whose reading depends on context.
 */
export function personNameEn(surname: string, given: string): string {
  const sur = pinyin(surname, { toneType: 'none', type: 'array', surname: 'head' }).join('');
  const giv = pinyin(given, { toneType: 'none', type: 'array' }).join('');
  return `${capitalise(sur.replace(/ü/g, 'v'))} ${capitalise(giv.replace(/ü/g, 'v'))}`;
}
