import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinCellList, neutralise, restore, splitCellList } from '../../server/bulk/cells.js';

describe('spreadsheet cells', () => {
  it.each(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx', "'=already"])('when a cell starts like a formula (%j), then it is prefixed with a quote', (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
    expect(restore(neutralise(text))).toBe(text);
  });

  it('when a cell is plain text, then it is left alone', () => {
    for (const text of ['昌吉', 'a=b', "it's", "'quoted", '']) expect(neutralise(text)).toBe(text);
  });

  it('when any text is neutralised and restored, then it is unchanged', () => {
    fc.assert(fc.property(fc.string(), (text) => restore(neutralise(text)) === text));
  });

  it('when list items are joined and split, then the same items come back, separators and backslashes included', () => {
    const item = fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s.length > 0);
    fc.assert(fc.property(fc.array(item), (items) => JSON.stringify(splitCellList(joinCellList(items))) === JSON.stringify(items)));
  });
});
