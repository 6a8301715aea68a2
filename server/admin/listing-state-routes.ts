/** Archive, restore and (admins only, after a confirmation page) delete a listing; each carries the version seen. */
import { Router } from 'express';
import { currentUser, requireRole } from '../auth/guards.js';
import { getCollection } from '../collections/registry.js';
import type { ListingService } from '../collections/listing-service.js';
import { notFound } from '../core/app-error.js';
import { editHref } from './listing-routes.js';
import { idParam, setFlash, versionField } from './page.js';

/** What the archive, restore and delete routes use. */
export interface ListingStateRouteDeps {
  listings: ListingService;
}

export function listingStateRoutes(ctx: ListingStateRouteDeps): Router {
  const router = Router();

  for (const action of ['archive', 'restore'] as const) {
    router.post(`/listings/:collection/:id/${action}`, (req, res) => {
      const def = getCollection(String(req.params.collection));
      const listing = ctx.listings[action](def.name, idParam(req), { actor: currentUser(res).username, version: versionField(req) });
      setFlash(req, action === 'archive' ? 'archived' : 'restored', { name: listing.name });
      res.redirect(303, editHref(listing));
    });
  }

  router.get('/listings/:collection/:id/delete', requireRole('admin'), (req, res) => {
    const def = getCollection(String(req.params.collection));
    const listing = ctx.listings.get(def.name, idParam(req));
    if (!listing) throw notFound(`no ${def.name} listing with id ${req.params.id}`);
    res.render('admin/listings/delete', { def, listing, referring: ctx.listings.referringCounts(def.name, listing.id) });
  });

  router.post('/listings/:collection/:id/delete', requireRole('admin'), (req, res) => {
    const def = getCollection(String(req.params.collection));
    const id = idParam(req);
    const name = ctx.listings.get(def.name, id)?.name ?? String(id);
    ctx.listings.remove(def.name, id, { actor: currentUser(res).username, version: versionField(req) });
    setFlash(req, 'deleted', { name });
    res.redirect(303, `/admin/listings/${def.name}`);
  });

  return router;
}
