/** The inbox of contact requests from the public pages: status, notes and the listing each concerns. */
import { Router, type Response } from 'express';
import { z } from 'zod';
import { coded } from '../core/messages.js';
import { currentUser } from '../auth/guards.js';
import type { ListingService } from '../collections/listing-service.js';
import { AppError, notFound } from '../core/app-error.js';
import { parseOrThrow } from '../core/validate.js';
import { INQUIRY_STATUSES, type Inquiry, type InquiryService } from '../inquiries/inquiry-service.js';
import { translateDetails } from './messages.js';
import { idParam, pageHref, PageParam, setFlash } from './page.js';

const PER_PAGE = 30;

const InboxQuery = z.object({
  status: z.enum(['', ...INQUIRY_STATUSES], coded('choose')).default(''),
  page: PageParam,
});

/** What the inbox of contact requests uses. */
export interface InquiryRouteDeps {
  inquiries: InquiryService;
  listings: ListingService;
}

export function inquiryRoutes(ctx: InquiryRouteDeps): Router {
  const router = Router();

  /** The listing an inquiry concerns (it may have been deleted since). */
  const withListing = (inquiry: Inquiry) => ({ ...inquiry, listing: ctx.listings.get(inquiry.collection, inquiry.listingId) ?? null });

  const renderInquiry = (res: Response, status: number, inquiry: Inquiry, form: { status: string; note: string }, errors = {}) =>
    res.status(status).render('admin/inquiries/show', { inquiry: withListing(inquiry), form, errors, statuses: INQUIRY_STATUSES });

  router.get('/inquiries', (req, res) => {
    const query = parseOrThrow(InboxQuery, req.query, 'invalid filter');
    const { total, items } = ctx.inquiries.list({ status: query.status || undefined, page: query.page, perPage: PER_PAGE });
    res.render('admin/inquiries/index', {
      query,
      total,
      items: items.map(withListing),
      counts: ctx.inquiries.counts(),
      statuses: INQUIRY_STATUSES,
      pages: Math.max(1, Math.ceil(total / PER_PAGE)),
      pageHref: (n: number) => pageHref('/admin/inquiries', query, n),
    });
  });

  router.get('/inquiries/:id', (req, res) => {
    const inquiry = ctx.inquiries.get(idParam(req));
    if (!inquiry) throw notFound(`no inquiry with id ${req.params.id}`);
    renderInquiry(res, 200, inquiry, inquiry);
  });

  router.post('/inquiries/:id', (req, res) => {
    const id = idParam(req);
    const inquiry = ctx.inquiries.get(id);
    if (!inquiry) throw notFound(`no inquiry with id ${id}`);
    const body = req.body as Record<string, unknown>;
    const form = { status: String(body.status ?? ''), note: String(body.note ?? '') };
    try {
      ctx.inquiries.update(id, form, currentUser(res).username);
    } catch (err) {
      if (!(err instanceof AppError && err.status === 400)) throw err;
      return renderInquiry(res, 400, inquiry, form, translateDetails(err.details ?? {}, res.locals.t));
    }
    setFlash(req, 'inquirySaved');
    res.redirect(303, `/admin/inquiries/${id}`);
  });

  return router;
}
