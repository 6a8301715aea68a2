import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/core/app-error.js';
import { englishDetails } from '../../server/core/messages.js';
import { parseSearchParams } from '../../server/http/search-params.js';

function detailsOf(raw: Record<string, unknown>, fixed?: 'experts'): Record<string, string> {
  try {
    parseSearchParams(raw, fixed);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return englishDetails((error as AppError).details ?? {});
  }
  throw new Error('expected a 400');
}

describe('parseSearchParams', () => {
  it('when nothing is given, then the defaults of the contract apply', () => {
    expect(parseSearchParams({})).toEqual({ q: '', filters: {}, available: false, sort: 'relevance', page: 1, perPage: 20, lang: 'zh' });
  });

  it('when every parameter is given, then each is read, codes split on commas, blanks and repeats dropped', () => {
    const query = parseSearchParams({
      q: '  煤炭 ', collection: 'platforms', county: 'changji, fukang,,changji', field: 'cotton', kind: 'key-lab,turnover-room',
      level: 'national', type: 'university', category: 'advisor', available: 'true', sort: 'updated', page: '3', perPage: '100', lang: 'en', unknown: 'ignored',
    });
    expect(query).toEqual({
      q: '煤炭',
      filters: { collection: ['platforms'], county: ['changji', 'fukang'], field: ['cotton'], kind: ['key-lab', 'turnover-room'], level: ['national'], type: ['university'], category: ['advisor'] },
      available: true, sort: 'updated', page: 3, perPage: 100, lang: 'en',
    });
  });

  it('when values are bad, then the 400 names each bad parameter', () => {
    expect(detailsOf({ county: 'nowhere', perPage: '101', page: '0', sort: 'best', available: 'yes', lang: 'fr' })).toEqual({
      county: expect.stringContaining('"nowhere"'),
      perPage: 'must be a whole number from 1 to 100',
      page: 'must be a whole number from 1 to 10000',
      sort: 'must be one of: relevance, name, updated',
      available: 'must be true or false',
      lang: 'must be one of: zh, en',
    });
  });

  it('when a query is longer than 200 characters, then it is refused; 200 Chinese characters are accepted', () => {
    expect(detailsOf({ q: 'x'.repeat(201) })).toEqual({ q: 'at most 200 characters' });
    expect(parseSearchParams({ q: '煤'.repeat(200) }).q).toHaveLength(200);
  });

  it('when a number is not a plain whole number, then it is refused', () => {
    for (const page of ['-1', '1.5', '1e3', 'abc', '99999999999999999999', '0x10']) expect(detailsOf({ page }), page).toHaveProperty('page');
    for (const perPage of ['0', '-5', '2.0']) expect(detailsOf({ perPage }), perPage).toHaveProperty('perPage');
  });

  it('when a parameter is repeated or nested, then it is refused rather than guessed', () => {
    expect(detailsOf({ q: ['a', 'b'] })).toEqual({ q: 'give this parameter once' });
    expect(detailsOf({ county: ['changji', 'fukang'] }).county).toMatch(/commas/);
    expect(detailsOf({ page: { $gt: 1 } })).toEqual({ page: 'must be text' });
  });

  it('when a collection is fixed by the address, then it filters, and a different collection parameter is refused', () => {
    expect(parseSearchParams({}, 'experts').filters.collection).toEqual(['experts']);
    expect(parseSearchParams({ collection: 'experts' }, 'experts').filters.collection).toEqual(['experts']);
    expect(detailsOf({ collection: 'platforms' }, 'experts')).toHaveProperty('collection');
  });

  it('when a bad code is very long, then the message shows only its start', () => {
    const message = detailsOf({ field: 'z'.repeat(5000) }).field!;
    expect(message.length).toBeLessThan(400);
  });

  it('when the API reads facets, then false leaves them out, true or nothing keeps them, and pages ignore the parameter', () => {
    expect(parseSearchParams({ facets: 'false' }, undefined, { facets: true }).facets).toBe(false);
    expect(parseSearchParams({ facets: 'true' }, undefined, { facets: true }).facets).toBe(true);
    expect(parseSearchParams({}, undefined, { facets: true }).facets).toBe(true);
    expect(parseSearchParams({ facets: 'false' }).facets).toBeUndefined();
    expect(() => parseSearchParams({ facets: 'nope' }, undefined, { facets: true })).toThrow(AppError);
  });
});
