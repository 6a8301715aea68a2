import { describe, expect, it } from 'vitest';
import { fold, indexText, isPinyinQuery, queryGrams, queryTerms, runGrams } from '../../search/analysis/analysis.js';
import { escapeHtml, highlightName, highlightSummary } from '../../search/analysis/highlight.js';
import { pinyinSortKey, pinyinSpan, pinyinText } from '../../search/analysis/pinyin.js';

describe('Chinese grams', () => {
  it('when a run is indexed, then its bigrams and its last character are kept; other text stays as written', () => {
    expect(runGrams('特变电工')).toEqual(['特变', '变电', '电工', '工']);
    expect(indexText('TBEA特变电工 (2022年)')).toBe('TBEA 特变 变电 电工 工 (2022 年 )');
  });

  it('when a query run is longer than two characters, then it becomes the sequence of its bigrams', () => {
    expect(queryGrams('煤')).toEqual(['煤']);
    expect(queryGrams('煤炭')).toEqual(['煤炭']);
    expect(queryGrams('低碳利用')).toEqual(['低碳', '碳利', '利用']);
  });

  it('when a character lies outside the basic plane, then grams keep it whole', () => {
    expect(runGrams('𠀀好')).toEqual(['𠀀好', '好']);
  });
});

describe('query terms', () => {
  it('when a query mixes scripts and syntax, then only Chinese runs and folded words remain', () => {
    expect(queryTerms('"准东煤炭" AND (Café*) 5G基站')).toEqual([
      { kind: 'han', text: '准东煤炭' }, { kind: 'word', text: 'and' }, { kind: 'word', text: 'cafe' }, { kind: 'word', text: '5g' }, { kind: 'han', text: '基站' },
    ]);
  });

  it('when a query has only punctuation, control characters or lone marks, then it has no terms', () => {
    expect(queryTerms('"*()-:^\u0000\u0301 ')).toEqual([]);
  });

  it('when words repeat or are full-width, then they fold to one term', () => {
    expect(queryTerms('ＴＢＥＡ tbea TBEA')).toEqual([{ kind: 'word', text: 'tbea' }]);
    expect(fold('Crème BRÛLÉE')).toBe('creme brulee');
  });

  it('when every term is plain letters, then the query may be pinyin', () => {
    expect(isPinyinQuery(queryTerms('te bian'))).toBe(true);
    expect(isPinyinQuery(queryTerms('5g'))).toBe(false);
    expect(isPinyinQuery(queryTerms('特变'))).toBe(false);
  });
});

describe('pinyin', () => {
  it('when a name is indexed, then its syllables, joined runs and initials are tokens', () => {
    const tokens = pinyinText('特变电工').split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['te', 'bian', 'dian', 'gong', 'tebiandiangong', 'biandiangong', 'tbdg', 'bdg']));
  });

  it('when a name holds words of two to four syllables, then each is a token, so pinyin typed word by word matches', () => {
    expect(pinyinText('翰林苑人才公寓').split(' ')).toEqual(expect.arrayContaining(['rencai', 'gongyu', 'rencaigongyu', 'hanlinyuan']));
  });

  it('when a character has several readings, then the reading in context is used', () => {
    expect(pinyinText('重点实验室').split(' ')).toContain('zhongdianshiyanshi');
  });

  it('when a pinyin query spells part of a name, then the span of characters it spells is found', () => {
    expect(pinyinSpan('新疆昌吉州', 'changji')).toEqual([2, 4]);
    expect(pinyinSpan('特变电工', 'tbd')).toEqual([0, 3]);
    expect(pinyinSpan('特变电工', 'xyz')).toBeNull();
  });

  it('when names are sorted, then the key follows pinyin', () => {
    const sorted = ['准东', '昌吉', '阿勒泰', '特变'].sort((a, b) => (pinyinSortKey(a) < pinyinSortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['阿勒泰', '昌吉', '特变', '准东']);
  });
});

describe('highlights', () => {
  it('when text holds HTML, then all of it is escaped', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(highlightName('<script>alert(1)</script>煤炭', queryTerms('煤炭'))).toBe('&lt;script&gt;alert(1)&lt;/script&gt;<mark>煤炭</mark>');
  });

  it('when a word starts with the query, then its start is marked, whatever its case or accents', () => {
    expect(highlightName('Crème Creative, CREMA', queryTerms('creme cre'))).toBe('<mark>Crème</mark> <mark>Cre</mark>ative, <mark>CRE</mark>MA');
    expect(highlightName('Concrete', queryTerms('cre'))).toBe('Concrete');
  });

  it('when characters outside the Basic Multilingual Plane come first (rare characters of personal names), then later words are still marked where they are', () => {
    expect(highlightName('𠀀𠀁 coal mine', queryTerms('coal'))).toBe('𠀀𠀁 <mark>coal</mark> mine');
    expect(highlightName('𪚥 Ｃｏａｌ 𠀀 coal', queryTerms('coal'))).toBe('𪚥 <mark>Ｃｏａｌ</mark> 𠀀 <mark>coal</mark>');
  });

  it('when a pinyin query spells part of a name, then those characters are marked', () => {
    expect(highlightName('新疆昌吉州', queryTerms('changji'))).toBe('新疆<mark>昌吉</mark>州');
  });

  it('when a summary is long, then a window around the first match is kept, cut with ellipses', () => {
    const summary = `${'甲'.repeat(300)}煤炭${'乙'.repeat(300)}`;
    const html = highlightSummary(summary, queryTerms('煤炭'));
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('<mark>煤炭</mark>');
    expect(html.replace(/<\/?mark>|…/g, '').length).toBe(240);
  });

  it('when a window would cut a character outside the basic plane, then it keeps the character whole', () => {
    const summary = '𠀀'.repeat(200);
    expect(highlightSummary(summary, [])).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
