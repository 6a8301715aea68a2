/** The private status link of a need and its reference number. */
import { createHash, randomBytes } from 'node:crypto';

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** A new status-link token: 24 random bytes, 32 URL-safe characters. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** True when the text has the shape of a token (anything else is not looked up). */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

/** The hash under which a token is kept: the database, or a backup of it, holds no working link. */
export function tokenHashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `XQ-2026-000123`: the year the need came in and its number within that year. */
export function referenceOf(year: number, seq: number): string {
  return `XQ-${year}-${String(seq).padStart(6, '0')}`;
}

/** The path of a need's status page. */
export function statusPath(token: string): string {
  return `/needs/status/${token}`;
}
