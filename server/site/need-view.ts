/** Needs as pages show them: a shortlist's reasons in plain words, the form's state, and a case's public steps. */
import type { Lang, Translate } from '../i18n/i18n.js';
import type { Presenter } from './present.js';
import type { MonthlyTally, NeedEvent, NeedPartner, SavedEntry } from '../needs/need-reader.js';
import type { NeedStatus } from '../needs/need-input.js';
import type { FitReasons, ShortlistEntry } from '../needs/shortlist.js';

/** The need form as a page shows it: typed values, one message per bad field, a message about the whole form. */
export interface NeedFormState {
  values: { text: string; fields: string[]; county: string; collections: string[]; partners: string[]; organisation: string; contactName: string; contact: string };
  errors: Record<string, string>;
  formError?: string;
}

/** A shortlist entry as a page shows it. */
export interface EntryView {
  ref: string;
  href: string;
  name: string;
  collection: string;
  sample: boolean;
  good: boolean;
  fit: string;
  reasons: string[];
  chosen: boolean;
}

/** Quoted words joined the way the language joins a list. */
function quoted(words: string[], t: Translate): string {
  return words.map((word) => t('needs.reason.quoted', { word })).join(t('site.listSeparator'));
}

/** The reasons of a shortlist entry in plain words, most telling first. */
export function reasonTexts(reasons: FitReasons, county: string | null, t: Translate, p: Presenter): string[] {
  const out: string[] = [];
  if (reasons.words.length) out.push(t('needs.reason.words', { words: quoted(reasons.words.slice(0, 4), t) }));
  if (reasons.fields.length) out.push(t('needs.reason.fields', { fields: reasons.fields.map((f) => p.facetValue('field', f)).join(t('site.listSeparator')) }));
  if (reasons.sameCounty && county) out.push(t('needs.reason.county', { county: p.facetValue('county', county) }));
  for (const s of reasons.standing) out.push(t(`needs.reason.${s}`));
  if (reasons.completed) out.push(t('needs.reason.completed', { n: reasons.completed }));
  return out;
}

/** The entries of a shortlist (live or kept with a need) as the page lists them. */
export function entryViews(entries: (ShortlistEntry | SavedEntry)[], chosen: string[], county: string | null, t: Translate, p: Presenter, lang: Lang): EntryView[] {
  return entries.map((e) => {
    const ref = `${e.collection}:${e.id}`;
    return {
      ref,
      href: `/${e.collection}/${e.id}`,
      name: lang === 'en' && e.nameEn ? e.nameEn : e.name,
      collection: p.facetValue('collection', e.collection),
      sample: e.sample === true,
      good: e.fit === 'good',
      fit: t(`needs.fit.${e.fit}`),
      reasons: reasonTexts(e.reasons, county, t, p),
      chosen: chosen.includes(ref),
    };
  });
}

/** Partners chosen but no longer on the live shortlist (the text changed): they stay ticked, listed first. */
export function keptChoices(entries: EntryView[], chosen: { ref: string; name: string; collection: string; sample: boolean }[]): EntryView[] {
  const shown = new Set(entries.map((e) => e.ref));
  const kept = chosen
    .filter((c) => !shown.has(c.ref))
    .map((c) => ({ ref: c.ref, href: `/${c.ref.replace(':', '/')}`, name: c.name, collection: c.collection, sample: c.sample, good: false, fit: '', reasons: [], chosen: true }));
  return [...kept, ...entries];
}

/** One line of a status page: when, which step, and what it says to the firm. */
export interface StepView {
  at: string;
  /** The time in Beijing, as the firm reads it (`2026-05-01 14:30`). */
  shown: string;
  title: string;
  text: string;
}

/** The public steps of a case, in words; a forwarding names the partner. */
export function stepViews(events: NeedEvent[], partners: NeedPartner[], t: Translate, lang: Lang): StepView[] {
  return events.map((e) => {
    const partner = partners.find((p) => p.collection === e.collection && p.listingId === e.listingId);
    const name = partner ? (lang === 'en' && partner.nameEn ? partner.nameEn : partner.name) : '';
    const title = e.kind === 'forwarded' ? t('needs.step.forwardedTo', { name }) : t(`needs.status.${e.status as NeedStatus}`);
    return { at: e.at, shown: beijingTime(e.at), title, text: e.publicText };
  });
}

/** A form's value as a list (a box ticked once sends a string, several an array). */
export function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** The typed values of a need form, kept as strings so the page can show them again. */
export function readNeedForm(body: unknown): NeedFormState['values'] {
  const raw = (body ?? {}) as Record<string, unknown>;
  const str = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  return {
    text: str('text'),
    fields: asList(raw.fields),
    county: str('county'),
    collections: asList(raw.collections),
    partners: asList(raw.partners),
    organisation: str('organisation'),
    contactName: str('contactName'),
    contact: str('contact'),
  };
}

/** A table of needs per month for the stats page: one row per code, labelled; months as `2026-05`. */
export interface MonthlyTable {
  id: string;
  title: string;
  rows: { label: string; counts: number[]; total: number }[];
}

/** The stats page's needs section: per field and per county, the last months, counts only. */
export function monthlyTables(data: { months: string[]; byField: MonthlyTally[]; byCounty: MonthlyTally[] }, t: Translate, p: Presenter): { months: string[]; tables: MonthlyTable[] } {
  const table = (id: 'field' | 'county', title: string, tallies: MonthlyTally[], none: string): MonthlyTable => ({
    id,
    title,
    rows: tallies.map((x) => ({ label: x.code ? p.facetValue(id, x.code) : none, counts: x.counts, total: x.counts.reduce((a, b) => a + b, 0) })),
  });
  return {
    months: data.months,
    tables: [table('field', t('needs.stats.byField'), data.byField, t('needs.stats.noField')), table('county', t('needs.stats.byCounty'), data.byCounty, t('needs.stats.noCounty'))],
  };
}

/** An ISO time as Beijing's wall clock, the time zone of the prefecture (`2026-05-01 14:30`). */
export function beijingTime(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
}
