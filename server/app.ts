/** createApp: the Express application, built without listening. */
import express from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { adminRouter } from './admin/routes.js';
import { sessionMiddleware } from './auth/session.js';
import { listingApiRouter } from './collections/api-routes.js';
import type { AppContext } from './context.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { ejsEngine } from './http/views.js';
import { languageMiddleware } from './i18n/i18n.js';
import { needApiRouter, needRouter } from './needs/need-routes.js';
import { PUBLIC_DIR, VIEWS_DIR } from './paths.js';
import { searchApiRouter } from './search-api/routes.js';
import { needsNoSession, siteRouter } from './site/routes.js';

/** Paths that never need a session: the API and static files stay cookie-free and fast. */
const SESSIONLESS = /^\/(api|healthz|assets)(\/|$)/;

export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.engine('ejs', ejsEngine(VIEWS_DIR));
  if (ctx.config.NODE_ENV === 'production') app.enable('view cache');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'"], 'upgrade-insecure-requests': null },
      },
      strictTransportSecurity: false,
    }),
  );
  app.use('/assets', express.static(PUBLIC_DIR, { maxAge: '1h', fallthrough: false }));
  app.use(cookieParser());
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  app.use(languageMiddleware());

  app.get('/healthz', (_req, res) => {
    const { engine, pendingIndexJobs } = ctx.search.health();
    res.json({ status: 'ok', engine, pendingIndexJobs });
  });
  app.use(searchApiRouter(ctx));
  app.use(needApiRouter(ctx));
  app.use(listingApiRouter(ctx));

  const withSession = sessionMiddleware(ctx.db, ctx.sessionSecret);
  app.use((req, res, next) => (SESSIONLESS.test(req.path) || needsNoSession(req) ? next() : withSession(req, res, next)));
  app.use('/admin', adminRouter(ctx));
  app.use(needRouter(ctx));
  app.use(siteRouter(ctx));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
