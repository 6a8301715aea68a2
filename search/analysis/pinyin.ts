/** Pinyin of Chinese names, so a name is found by its full pinyin (spaced or joined) and by its initials. */
import { pinyin } from 'pinyin-pro';
import { fold, isHan } from './analysis.js';

/** Joined runs stop at this many syllables: long enough for any name a user types, short enough to keep the index small. */
const MAX_RUN = 10;

/** One syllable per character of `text` (context-aware: 重点 → zhong dian); characters that are not Chinese give ''. */
export function syllables(text: string): string[] {
  const chars = Array.from(text);
  const out: string[] = new Array(chars.length).fill('');
  let start = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    const run = chars.slice(start, end).join('');
    const ps = pinyin(run, { toneType: 'none', type: 'array' });
    for (let i = 0; i < end - start; i++) out[start + i] = fold(ps[i] ?? '').replace(/[^a-z]/g, '');
    start = -1;
  };
  chars.forEach((ch, i) => {
    if (isHan(ch)) {
      if (start < 0) start = i;
    } else flush(i);
  });
  flush(chars.length);
  return out;
}

/** The Chinese runs of a text as arrays of syllables, from its `syllables`. */
function syllableRuns(sy: string[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const s of sy) {
    if (s) run.push(s);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Words of this many syllables or fewer are tokens of their own, so a word before the last one of a query matches whole. */
const MAX_WORD = 4;

/**
 * The pinyin tokens of a name: each syllable (te bian dian gong); the syllables joined from each character
 * (tebiandiangong, biandiangong…), so a name is found while its pinyin is typed from any character on; every
 * word of two to four syllables (tebian, rencai), so `rencai gongyu` matches word by word; and the initials
 * joined from each character (tbdg, bdg…).
 */
export function pinyinText(name: string, sy: string[] = syllables(name)): string {
  const tokens = new Set<string>();
  for (const run of syllableRuns(sy)) {
    for (const s of run) tokens.add(s);
    for (let i = 0; i < run.length; i++) {
      for (let n = 2; n <= MAX_WORD && i + n <= run.length; n++) tokens.add(run.slice(i, i + n).join(''));
      const part = run.slice(i, i + MAX_RUN);
      if (part.length < 2) continue;
      tokens.add(part.join(''));
      tokens.add(part.map((s) => s[0]).join(''));
    }
  }
  return [...tokens].join(' ');
}

/**
 * The key that orders names the way a Chinese index does: by pinyin, then by the characters themselves. `sy`:
 * the name's syllables, when the caller has them already (they are the costly part).
 */
export function pinyinSortKey(name: string, sy: string[] = syllables(name)): string {
  const chars = Array.from(name);
  const key = chars.map((ch, i) => sy[i] || fold(ch)).join(' ');
  return `${key}\u0001${name}`;
}

/** The name a sort key was made from. */
export function nameOfSortKey(key: string): string {
  return key.slice(key.indexOf('\u0001') + 1);
}

/**
 * Where a pinyin query matches a name: the characters from which the joined syllables, or the initials,
 * start with the query's letters. Returns [start, end) in code points, or null. `known`: the name's
 * syllables, when the caller has them already.
 */
export function pinyinSpan(name: string, letters: string, known?: string[]): [number, number] | null {
  if (!letters) return null;
  const sy = known ?? syllables(name);
  for (let i = 0; i < sy.length; i++) {
    if (!sy[i]) continue;
    const full = spanOf(sy, i, letters, (s) => s);
    if (full) return full;
    const initials = spanOf(sy, i, letters, (s) => s.charAt(0));
    if (initials) return initials;
  }
  return null;
}

function spanOf(sy: string[], start: number, letters: string, part: (s: string) => string): [number, number] | null {
  let joined = '';
  for (let j = start; j < sy.length; j++) {
    const syllable = sy[j];
    if (!syllable) break;
    joined += part(syllable);
    if (joined.length >= letters.length) return joined.startsWith(letters) ? [start, j + 1] : null;
    if (!letters.startsWith(joined)) return null;
  }
  return null;
}
