/** `GET /api/search` and `GET /api/:collection`. */
import { Router } from 'express';
import type { AppContext } from '../context.js';

export function searchApiRouter(_ctx: AppContext): Router {
  return Router();
}
