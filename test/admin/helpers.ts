/** Signing in to the back office from tests: an agent that carries the session cookie, and the forms' CSRF tokens. */
import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';
import { UserService, type Role } from '../../server/auth/users.js';
import type { AppContext } from '../../server/context.js';
import { createTestApp, type TestApp } from '../helpers/context.js';

export const ADMIN = { username: 'chief', password: 'correct horse battery staple' };

/** A seeded app whose first admin comes from the configuration. */
export function createAdminApp(env: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password, ...env });
}

/** The value of the `_csrf` field of the first form of a page. */
export function csrfFrom(html: string): string {
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  expect(token, 'the page has a form with a CSRF token').toBeTruthy();
  return token!;
}

/** The field values of an HTML form as a browser would post them (inputs, checked boxes, selected options, textareas). */
export function formFields(html: string, action: string): Record<string, string | string[]> {
  const start = html.indexOf(`action="${action}"`);
  expect(start, `a form posting to ${action}`).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  };
  const decode = (s: string) => s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = attrs.match(/name="([^"]*)"/)?.[1];
    if (!name) continue;
    const value = decode(attrs.match(/value="([^"]*)"/)?.[1] ?? '');
    if (/type="checkbox"/.test(attrs) && !/ checked/.test(attrs)) continue;
    add(name, value);
  }
  for (const m of form.matchAll(/<textarea [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) add(m[1]!, decode(m[2]!));
  for (const m of form.matchAll(/<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = m[2]!.match(/<option value="([^"]*)" selected>/);
    add(m[1]!, decode(selected?.[1] ?? ''));
  }
  return out;
}

/** Creates an account directly in the database. */
export async function addUser(ctx: AppContext, username: string, role: Role, password = 'a long enough password'): Promise<void> {
  await new UserService(ctx.db, ctx.audit).create({ username, role, password }, 'test');
}

/** An agent signed in as `username`. */
export async function signIn(app: Express, username = ADMIN.username, password = ADMIN.password): Promise<request.Agent> {
  const agent = request.agent(app);
  const page = await agent.get('/admin/login').expect(200);
  await agent
    .post('/admin/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), username, password })
    .expect(303)
    .expect('location', '/admin');
  return agent;
}

/** GETs a page and returns its CSRF token and HTML. */
export async function pageWithToken(agent: request.Agent, path: string): Promise<{ html: string; csrf: string }> {
  const res = await agent.get(path).expect(200);
  return { html: res.text, csrf: csrfFrom(res.text) };
}

/** The editable fields of a listing: what a form or an import supplies. */
export function editableOf(listing: Record<string, unknown>): Record<string, unknown> {
  const { id: _i, collection: _c, source: _s, status: _st, createdAt: _ca, updatedAt: _u, version: _v, ...rest } = listing;
  return rest;
}
