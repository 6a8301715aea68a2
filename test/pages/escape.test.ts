import ejs from 'ejs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeAsEjs } from '../../server/http/views.js';

describe('the escaping of template values', () => {
  it("when any value is escaped, then the text is EJS's own escaping of it", () => {
    const value = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('&', '<', '>', "'", '"', 'a', '棉', ' ') }), fc.integer(), fc.boolean(), fc.constantFrom(null, undefined, 0, ''));
    fc.assert(
      fc.property(value, (v) => {
        expect(escapeAsEjs(v)).toBe(ejs.escapeXML(v));
      }),
    );
  });
});
