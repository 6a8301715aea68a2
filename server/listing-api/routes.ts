/** `GET /api/:collection/:id`: one public listing as JSON. */
import { Router } from 'express';
import { z } from 'zod';
import type { ListingService } from '../collections/listing-service.js';
import { coded } from '../core/messages.js';
import { parseOrThrow } from '../core/validate.js';
import { getCollection } from '../collections/registry.js';

const IdParam = z.object({
  id: z.string(coded('positiveInteger')).regex(/^[1-9]\d{0,15}$/, coded('positiveInteger')).transform(Number),
});

/** What the listing API reads. */
export interface ListingApiDeps {
  listings: ListingService;
}

export function listingApiRouter(ctx: ListingApiDeps): Router {
  const router = Router();
  router.get('/api/:collection/:id', (req, res) => {
    const def = getCollection(req.params.collection);
    const { id } = parseOrThrow(IdParam, { id: req.params.id }, 'invalid listing id');
    res.json(ctx.listings.getPublic(def.name, id));
  });
  return router;
}
