import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/context.js';
import { csrfFrom, visibleText } from './page-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const REQUEST = { name: '刘主任', organisation: '准东某化工企业', contact: '0994-7654321', message: '两名引进工程师，预计入住一年。' };

async function send(path: string, fields: Record<string, string>, lang = 'zh') {
  const agent = request.agent(t.app);
  const page = await agent.get(`${path}?lang=${lang}`).expect(200);
  return agent.post(`${path}/contact`).type('form').send({ ...fields, _csrf: csrfFrom(page.text) });
}

function errorOf(html: string, field: string): string | undefined {
  return new RegExp(`<p class="field-error" id="field-${field}-error">([^<]*)</p>`).exec(html)?.[1];
}

describe('housing requests', () => {
  it('when a housing request is complete, then the inbox has it as a housing request with its units and date', async () => {
    const arrival = beijingDay(20);
    const res = await send('/apartments/3', { ...REQUEST, unitsWanted: '2', arrival });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/apartments/3?sent=1#contact');
    const stored = t.ctx.inquiries.list({ page: 1, perPage: 1 }).items[0]!;
    expect(stored).toMatchObject({ kind: 'housing', collection: 'apartments', listingId: 3, unitsWanted: 2, arrival, name: '刘主任' });
    const confirmed = await request(t.app).get('/apartments/3?sent=1').expect(200);
    expect(visibleText(confirmed.text)).toContain('住房申请已发送。');
  });

  it('when units or the date are wrong, then each is named beside its field and nothing is stored', async () => {
    const before = t.ctx.inquiries.counts().new;
    const units = Number(t.ctx.listings.get('apartments', 3)!.units);
    const cases: [Record<string, string>, string, string][] = [
      [{ unitsWanted: '0', arrival: beijingDay(5) }, 'unitsWanted', '至少 1'],
      [{ unitsWanted: String(units + 1), arrival: beijingDay(5) }, 'unitsWanted', `最多 ${units} 套（该处房源总数）`],
      [{ unitsWanted: 'two', arrival: beijingDay(5) }, 'unitsWanted', '请填写整数'],
      [{ unitsWanted: '1', arrival: '2027-02-30' }, 'arrival', '请按“年-月-日”填写日期，例如 2027-03-01'],
      [{ unitsWanted: '1', arrival: beijingDay(-1) }, 'arrival', '入住日期不能早于今天'],
      [{ unitsWanted: '1', arrival: beijingDay(800) }, 'arrival', '入住日期请在今后 730 天之内'],
      [{ unitsWanted: '', arrival: '' }, 'arrival', '此项必填'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await send('/apartments/3', { ...REQUEST, ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(errorOf(res.text, field), JSON.stringify(fields)).toBe(message);
      expect(res.text).toContain(`value="${fields.unitsWanted}"`);
    }
    expect(t.ctx.inquiries.counts().new).toBe(before);
  });

  it('when a cooperation request is sent, then it is stored as one, without housing details', async () => {
    const res = await send('/platforms/2', { ...REQUEST, unitsWanted: '3', arrival: beijingDay(3) });
    expect(res.status).toBe(303);
    expect(t.ctx.inquiries.list({ page: 1, perPage: 1 }).items[0]).toMatchObject({ kind: 'cooperation', unitsWanted: null, arrival: null });
  });
});
