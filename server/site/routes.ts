/** The public pages. */
import { Router } from 'express';
import type { AppContext } from '../context.js';

export function siteRouter(_ctx: AppContext): Router {
  return Router();
}
