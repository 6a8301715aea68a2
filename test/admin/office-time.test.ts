import { describe, expect, it } from 'vitest';
import { officeDate, officeDayStart, officeTime } from '../../server/admin/office-time.js';

describe('times in the back office', () => {
  it('when a stored UTC time is shown, then it reads in Beijing time with the zone written', () => {
    expect(officeTime('2026-12-02T01:50:00.000Z')).toBe('2026-12-02 09:50 (UTC+8)');
    expect(officeTime('2026-12-31T16:30:59.999Z')).toBe('2027-01-01 00:30 (UTC+8)');
    expect(officeDate('2026-12-01T16:00:00.000Z')).toBe('2026-12-02');
    expect(officeTime('')).toBe('');
    expect(officeTime('not a time')).toBe('not a time');
  });

  it('when a Beijing day is filtered, then it starts at 16:00 UTC the day before', () => {
    expect(officeDayStart('2026-12-02')).toBe('2026-12-01T16:00:00.000Z');
  });
});
