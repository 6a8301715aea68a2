import { describe, expect, it } from 'vitest';
import { analyseQuery, type SearchTerm } from '../../search/analysis/query-analysis.js';
import { SynonymTable } from '../../search/analysis/synonyms.js';
import { typoDistance } from '../../search/embedded/vocabulary.js';

const none = new SynonymTable([]);
const texts = (terms: SearchTerm[]) => terms.map((t) => t.text);
const forms = (term: SearchTerm | undefined) => (term?.forms ?? []).map((f) => (f.kind === 'han' ? f.text : f.words.join(' ')));

describe('query analysis', () => {
  it('when Chinese words are typed without spaces, then they are the words a user would have spaced', () => {
    expect(texts(analyseQuery('吉木萨尔煤化工', none).terms)).toEqual(['吉木萨尔', '煤化工']);
    expect(texts(analyseQuery('棉花育种专家', none).terms)).toEqual(['棉花', '育种', '专家']);
    expect(texts(analyseQuery('阜康人才公寓', none).terms)).toEqual(['阜康', '人才公寓']);
  });

  it('when two characters are not a dictionary word, then they stay one term rather than two single characters', () => {
    expect(texts(analyseQuery('准东', none).terms)).toEqual(['准东']);
    expect(texts(analyseQuery('低碳', none).terms)).toEqual(['低碳']);
  });

  it('when a joining character stands alone between words, then it is left out', () => {
    expect(texts(analyseQuery('煤炭的利用', none).terms)).toEqual(['煤炭', '利用']);
  });

  it('when Traditional characters are typed, then they are read as Simplified', () => {
    expect(texts(analyseQuery('中國農業科學院', none).terms).join('')).toBe('中国农业科学院');
  });

  it('when a word is English, then its stem is an alternative, and the last word is completed by prefix', () => {
    const [centres, breed] = analyseQuery('centres breed', none).terms;
    expect(forms(centres)).toEqual(['centres', 'centr']);
    expect(centres?.forms[0]).toMatchObject({ prefix: false });
    expect(breed?.forms[0]).toMatchObject({ prefix: true });
  });

  it('when pinyin is written with v for ü, then ü is an alternative; pinyin mixed with Chinese keeps both', () => {
    expect(analyseQuery('lvse', none).terms[0]?.pinyin).toEqual(['lvse', 'luse']);
    const mixed = analyseQuery('jimusaer煤化工', none).terms;
    expect(texts(mixed)).toEqual(['jimusaer', '煤化工']);
    expect(mixed[0]?.pinyin).toEqual(['jimusaer']);
  });

  it('when a query holds punctuation only, then it has no terms and is blank; an empty query is not blank', () => {
    expect(analyseQuery('。？！', none)).toEqual({ terms: [], blank: true });
    expect(analyseQuery('', none)).toEqual({ terms: [], blank: false });
  });
});

describe('synonyms in the analysis', () => {
  const table = new SynonymTable([
    { kind: 'equivalent', terms: ['经开区', '经济技术开发区'] },
    { kind: 'oneway', terms: ['工程中心', '工程技术研究中心'] },
    { kind: 'equivalent', terms: ['CAAS', 'Chinese Academy of Agricultural Sciences', '中国农业科学院'] },
  ]);

  it('when a query holds a synonym inside a Chinese run, then the term finds every other term of the rule', () => {
    const terms = analyseQuery('准东经开区', table).terms;
    expect(texts(terms)).toEqual(['准东', '经开区']);
    expect(forms(terms[1])).toEqual(['经开区', '经济技术开发区']);
    expect(forms(analyseQuery('经济技术开发区', table).terms[0])).toEqual(['经济技术开发区', '经开区']);
  });

  it('when a rule is one way, then only its first term finds the others', () => {
    expect(forms(analyseQuery('工程中心', table).terms[0])).toEqual(['工程中心', '工程技术研究中心']);
    expect(forms(analyseQuery('工程技术研究中心', table).terms[0])).toEqual(['工程技术研究中心']);
  });

  it('when several English words form a synonym, then they are one term with the acronym and the Chinese name', () => {
    const terms = analyseQuery('chinese academy of agricultural sciences', table).terms;
    expect(terms).toHaveLength(1);
    expect(forms(terms[0])[0]).toBe('chinese academy of agricultural sciences');
    expect(forms(terms[0])).toEqual(expect.arrayContaining(['caas', '中国农业科学院']));
    const acronym = forms(analyseQuery('CAAS', table).terms[0]);
    expect(acronym[0]).toBe('caas');
    expect(acronym).toEqual(expect.arrayContaining(['chinese academy of agricultural sciences', '中国农业科学院']));
  });
});

describe('typo distance', () => {
  it('when letters are inserted, deleted, replaced or two neighbours swapped, then each counts one typo', () => {
    expect(typoDistance('laboratry', 'laboratory', 2)).toBe(1);
    expect(typoDistance('changij', 'changji', 2)).toBe(1);
    expect(typoDistance('cottn', 'cotton', 2)).toBe(1);
    expect(typoDistance('labratroy', 'laboratory', 2)).toBe(2);
    expect(typoDistance('abcdef', 'badcfe', 2)).toBe(3);
    expect(typoDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('synonyms for Meilisearch', () => {
  it('when rules are sent to Meilisearch, then equivalent terms find each other and one-way terms only from the first', async () => {
    const { meiliSynonyms, meiliDictionary } = await import('../../search/analysis/synonyms.js');
    const rules = [
      { kind: 'equivalent' as const, terms: ['經開區', '经济技术开发区'] },
      { kind: 'oneway' as const, terms: ['工程中心', '工程技术研究中心'] },
      { kind: 'equivalent' as const, terms: ['CAAS', 'Chinese Academy of Agricultural Sciences'] },
    ];
    expect(meiliSynonyms(rules)).toEqual({
      经开区: ['经济技术开发区'],
      经济技术开发区: ['经开区'],
      工程中心: ['工程技术研究中心'],
      caas: ['chinese academy of agricultural sciences'],
      'chinese academy of agricultural sciences': ['caas'],
    });
    expect(meiliDictionary(rules, ['准东'])).toEqual(['准东', '工程中心', '工程技术研究中心', '经开区', '经济技术开发区'].sort());
  });
});
