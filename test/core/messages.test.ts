import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { coerceInput } from '../../server/forms/field-input.js';
import { NewPassword } from '../../server/auth/password.js';
import { NewUser } from '../../server/auth/users.js';
import { splitCellList } from '../../server/bulk/cells.js';
import { editableFields, type CollectionDef } from '../../server/collections/define.js';
import type { FieldSpec } from '../../server/collections/field-spec.js';
import { COLLECTIONS } from '../../server/collections/registry.js';
import { AppError } from '../../server/core/app-error.js';
import { englishText, issuesToMessages, isMessageCode, message, type Message } from '../../server/core/messages.js';
import { LANGS, messageKeys, translator } from '../../server/i18n/i18n.js';
import { MESSAGE_SCOPES, messageText, type MessageScope } from '../../server/i18n/message-text.js';
import { InquiryUpdate } from '../../server/inquiries/inquiry-service.js';
import { AssignInput, NeedInput, NoteInput, StatusChange } from '../../server/needs/need-input.js';
import { SynonymInputSchema } from '../../server/synonyms/synonym-input.js';
import { createTestApp, type TestApp } from '../helpers/context.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** What a form could send for a field that is wrong in a few ways: too long, unprintable, unknown, out of range. */
function badTexts(spec: FieldSpec): string[] {
  switch (spec.type) {
    case 'text':
      return ['x'.repeat(spec.max + 1), 'bell\u0007', ''];
    case 'code':
      return ['nowhere', ''];
    case 'codes':
      return ['nowhere', '', Array.from({ length: spec.max + 1 }, (_, i) => `code${i}`).join('|')];
    case 'int':
      return ['many', '1.5', String(spec.min - 1), String(spec.max + 1), ''];
    case 'ref':
      return ['someone', '999999999'];
    case 'bool':
      return ['maybe'];
    case 'list':
      return [`${'x'.repeat(spec.maxLength + 1)}|bell\u0007`, Array.from({ length: spec.maxItems + 1 }, (_, i) => `item ${i}`).join('|')];
  }
}

/** Back-office forms of a collection, each typed wrong in another way, as the form and the import convert them. */
function badListingForms(def: CollectionDef): Record<string, unknown>[] {
  const fields = editableFields(def);
  const variants = Math.max(...fields.map(([, spec]) => badTexts(spec).length));
  return Array.from({ length: variants }, (_, v) => {
    const raw = Object.fromEntries(fields.map(([name, spec]) => [name, badTexts(spec)[v] ?? '']));
    return coerceInput(def, raw, splitCellList);
  });
}

/** The messages a call refuses with (none when it succeeds). */
function refusals(call: () => unknown): Message[] {
  try {
    call();
  } catch (err) {
    if (err instanceof AppError && err.details) return Object.values(err.details);
    throw err;
  }
  return [];
}

/** The messages of a schema's issues for an input, checking first that the schema gave each issue a code. */
function schemaMessages(schema: z.ZodType, input: unknown): Message[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  for (const issue of result.error.issues) expect(isMessageCode(issue.message), `${issue.path.join('.')}: ${issue.message}`).toBe(true);
  return Object.values(issuesToMessages(result.error));
}

/** Every message the pages of each scope can show for the bad inputs above. */
function messagesByScope(): Record<Exclude<MessageScope, 'param'>, Message[]> {
  const office: Message[] = [];
  for (const def of COLLECTIONS) {
    for (const input of badListingForms(def)) {
      const checked = t.ctx.listings.validate(def.name, input);
      if (!checked.ok) office.push(...Object.values(checked.details));
    }
  }
  office.push(...Object.values(issuesToMessages(NewUser.safeParse({ username: 'a', role: 'owner', password: 'short' }).error!)));
  office.push(...schemaMessages(NewPassword, 'x'.repeat(2000)));
  for (const terms of [['lab'], ['lab', 'LAB', '。？', 'la\u0000b', 'x'.repeat(65), ' '], Array.from({ length: 21 }, (_, i) => `t${i}`)]) {
    office.push(...schemaMessages(SynonymInputSchema, { kind: 'both', terms, note: 'x'.repeat(501) }));
  }
  office.push(...schemaMessages(InquiryUpdate, { status: 'lost', note: 'bell\u0007' }));

  const contact = [
    { name: '', organisation: 'x'.repeat(121), contact: 'somewhere', message: 'short' },
    { name: 'bell\u0007', contact: '', message: '' },
  ].flatMap((input) => refusals(() => t.ctx.inquiries.create('platforms', 1, input, 'zh')));
  for (const [unitsWanted, arrival] of [['', ''], ['two', 'tomorrow'], ['0', '2001-01-01'], ['99999', '2999-01-01'], ['1', '2027-02-30']]) {
    contact.push(...refusals(() => t.ctx.inquiries.create('apartments', 3, { name: '刘', contact: '0994-7654321', message: '两名引进工程师入住。', unitsWanted, arrival }, 'zh')));
  }

  const need = [
    { text: 'short', partners: [], organisation: '', contactName: 'x'.repeat(61), contact: 'somewhere' },
    { text: 'bell\u0007 '.repeat(3), partners: ['platforms:1', 'platforms:2', 'platforms:3', 'experts:1', 'experts:2', 'experts:3'], organisation: 'x', contactName: 'y', contact: '0994-7654321' },
    { text: '', partners: ['nothing'], organisation: 'x', contactName: 'y', contact: '' },
  ].flatMap((input) => schemaMessages(NeedInput, input));

  const caseForms = [
    ...schemaMessages(StatusChange, { status: 'completed', message: '' }),
    ...schemaMessages(StatusChange, { status: 'lost', message: 'x'.repeat(1001) }),
    ...schemaMessages(NoteInput, { note: '' }),
    ...schemaMessages(AssignInput, { assignee: 'x'.repeat(65) }),
  ];
  return { office, contact, need, case: caseForms };
}

describe('validation messages', () => {
  it('when bad input goes through every declaration and form, then every message carries a code of its own', () => {
    const scopes = messagesByScope();
    for (const [scope, messages] of Object.entries(scopes)) {
      expect(messages.length, scope).toBeGreaterThan(3);
      for (const m of messages) expect(m.code, `${scope}: ${englishText(m)}`).not.toBe('invalid');
    }
  });

  it('when a page shows a message a form produced, then its code has a label in both languages', () => {
    const missing = new Set<string>();
    for (const [scope, messages] of Object.entries(messagesByScope()) as [MessageScope, Message[]][]) {
      for (const lang of LANGS) {
        const keys = new Set(messageKeys(lang));
        for (const m of messages) if (!MESSAGE_SCOPES[scope].some((section) => keys.has(`${section}.${m.code}`))) missing.add(`${lang} ${scope} ${m.code}`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('when a message has parameters, then the API English and both languages name them', () => {
    const m = message('maxChars', { max: 120 });
    expect(englishText(m)).toBe('at most 120 characters');
    expect(messageText(m, 'office', translator('en'))).toBe('At most 120 characters');
    expect(messageText(m, 'office', translator('zh'))).toBe('最多 120 个字符');
    expect(messageText(m, 'contact', translator('zh'))).toBe('最多 120 个字');
    const missing = message('noListing', { collection: 'experts', id: 7 });
    expect(englishText(missing)).toBe('no experts listing with id 7');
    expect(messageText(missing, 'office', translator('zh'))).toBe(`没有编号为 7 的${translator('zh')('vocab.collection.experts')}`);
  });
});
