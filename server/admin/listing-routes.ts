/** Listing pages of the back office: the list of a collection, and the create and edit forms built from its declaration. */
import { Router, type Response } from 'express';
import { currentUser } from '../auth/guards.js';
import { editableFields, type CollectionDef, type Listing } from '../collections/define.js';
import { getCollection } from '../collections/registry.js';
import type { ListingService } from '../collections/listing-service.js';
import type { AuditLog } from '../audit/audit-log.js';
import { AppError, notFound } from '../core/app-error.js';
import { parseOrThrow } from '../core/validate.js';
import { coerceInput, formTexts, postedTexts, splitFormList, type RawValue } from '../forms/field-input.js';
import { browseSchema, filterControls, type ListingBrowser } from './listing-browser.js';
import { buildForm, formLevelErrors, referenceChoices } from './listing-form.js';
import { translateDetails } from './messages.js';
import { idParam, pageHref, setFlash, showField, versionField } from './page.js';

interface EditState {
  listing?: Listing;
  texts: Record<string, RawValue>;
  errors?: Record<string, string>;
  /** The stored listing that is newer than the one the user edited. */
  newer?: Listing;
}

/** The link to a listing's edit page. */
export function editHref(listing: Pick<Listing, 'collection' | 'id'>): string {
  return `/admin/listings/${listing.collection}/${listing.id}`;
}

/** Both sides of a conflict, field by field, marking the fields where they differ. */
function comparison(def: CollectionDef, mine: Record<string, RawValue>, newer: Listing, res: Response) {
  const typed = coerceInput(def, mine, splitFormList);
  return editableFields(def).map(([name]) => ({
    label: res.locals.t(`admin.field.${name}`),
    mine: showField(name, typed[name], res.locals.t),
    theirs: showField(name, newer[name], res.locals.t),
    differs: JSON.stringify(typed[name] ?? '') !== JSON.stringify(newer[name] ?? ''),
  }));
}

/** What the listing form routes use: the listings, and their history from the audit log. */
export interface ListingRouteDeps {
  listings: ListingService;
  audit: AuditLog;
}

export function listingRoutes(ctx: ListingRouteDeps, browser: ListingBrowser): Router {
  const router = Router();

  const mustGet = (def: CollectionDef, id: number): Listing => {
    const listing = ctx.listings.get(def.name, id);
    if (!listing) throw notFound(`no ${def.name} listing with id ${id}`);
    return listing;
  };

  const renderEdit = (res: Response, status: number, def: CollectionDef, state: EditState) => {
    const { t } = res.locals;
    const errors = state.errors ?? {};
    const shown = state.newer ?? state.listing;
    res.status(status).render('admin/listings/edit', {
      def,
      listing: shown ?? null,
      version: shown?.version ?? null,
      controls: buildForm(def, state.texts, errors, t, referenceChoices(ctx.listings, t)),
      formErrors: formLevelErrors(def, errors),
      conflict: state.newer ? comparison(def, state.texts, state.newer, res) : null,
      history: shown ? ctx.audit.forListing(def.name, shown.id) : [],
    });
  };

  router.get('/listings/:collection', (req, res) => {
    const def = getCollection(req.params.collection);
    const query = parseOrThrow(browseSchema(def), req.query, 'invalid filter') as Record<string, string | number>;
    const result = browser.browse(def, query);
    res.render('admin/listings/index', {
      def,
      query,
      result,
      filters: filterControls(def, query, res.locals.t),
      pageHref: (n: number) => pageHref(`/admin/listings/${def.name}`, query, n),
    });
  });

  router.get('/listings/:collection/new', (req, res) => {
    renderEdit(res, 200, getCollection(req.params.collection), { texts: {} });
  });

  router.post('/listings/:collection', (req, res) => {
    const def = getCollection(req.params.collection);
    const texts = postedTexts(def, req.body);
    const checked = ctx.listings.validate(def.name, coerceInput(def, texts, splitFormList));
    if (!checked.ok) return renderEdit(res, 400, def, { texts, errors: translateDetails(checked.details, res.locals.t) });
    const listing = ctx.listings.create(def.name, checked.value, { actor: currentUser(res).username });
    setFlash(req, 'created', { name: listing.name });
    res.redirect(303, editHref(listing));
  });

  router.get('/listings/:collection/:id', (req, res) => {
    const def = getCollection(req.params.collection);
    const listing = mustGet(def, idParam(req));
    renderEdit(res, 200, def, { listing, texts: formTexts(def, listing) });
  });

  router.post('/listings/:collection/:id', (req, res) => {
    const def = getCollection(req.params.collection);
    const current = mustGet(def, idParam(req));
    const version = versionField(req);
    const texts = postedTexts(def, req.body);
    // A stale form is answered before validation: its author must first see what changed meanwhile.
    if (version !== current.version) return renderEdit(res, 409, def, { listing: current, texts, newer: current });
    const checked = ctx.listings.validate(def.name, coerceInput(def, texts, splitFormList));
    if (!checked.ok) return renderEdit(res, 400, def, { listing: current, texts, errors: translateDetails(checked.details, res.locals.t) });
    let saved: Listing;
    try {
      saved = ctx.listings.update(def.name, current.id, checked.value, { actor: currentUser(res).username, version });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
      const newer = mustGet(def, current.id);
      return renderEdit(res, 409, def, { listing: newer, texts, newer });
    }
    setFlash(req, 'saved', { name: saved.name });
    res.redirect(303, editHref(current));
  });

  return router;
}
