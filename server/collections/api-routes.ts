/** `GET /api/:collection/:id`: one public listing as JSON. */
import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { coded } from '../core/messages.js';
import { parseOrThrow } from '../core/validate.js';
import { getCollection } from './registry.js';

const IdParam = z.object({
  id: z.string(coded('positiveInteger')).regex(/^[1-9]\d{0,15}$/, coded('positiveInteger')).transform(Number),
});

export function listingApiRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/:collection/:id', (req, res) => {
    const def = getCollection(req.params.collection);
    const { id } = parseOrThrow(IdParam, { id: req.params.id }, 'invalid listing id');
    res.json(ctx.listings.getPublic(def.name, id));
  });
  return router;
}
