/** Times as the bureau reads them: Beijing time (Asia/Shanghai) with the zone written; stored times stay ISO in UTC. */

/** China has kept UTC+8 all year since 1991, so a fixed offset is exact for every time the directory holds. */
const OFFSET_MS = 8 * 3600 * 1000;
const ZONE = 'UTC+8';

function shifted(iso: string): string | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms + OFFSET_MS).toISOString();
}

/** `2026-12-02T01:50:00.000Z` → `2026-12-02 09:50 (UTC+8)`; a text that is no time is shown as it is. */
export function officeTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const local = shifted(iso);
  return local ? `${local.slice(0, 10)} ${local.slice(11, 16)} (${ZONE})` : iso;
}

/** The Beijing calendar day of a stored time (`2026-12-02`). */
export function officeDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return shifted(iso)?.slice(0, 10) ?? iso;
}

/** The UTC instant at which a Beijing calendar day (`YYYY-MM-DD`) starts, as stored times compare. */
export function officeDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS).toISOString();
}
