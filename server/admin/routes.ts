/** The back office under /admin. */
import { Router } from 'express';
import type { AppContext } from '../context.js';

export function adminRouter(_ctx: AppContext): Router {
  return Router();
}
