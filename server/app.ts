/** createApp: the Express application, built without listening. */
import express from 'express';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { adminRouter } from './admin/routes.js';
import { csrfSecret, sessionMiddleware } from './auth/session.js';
import { listingApiRouter } from './listing-api/routes.js';
import type { AppContext } from './context.js';
import { assetVersion } from './http/asset-version.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { ejsEngine } from './http/views.js';
import { languageMiddleware } from './i18n/i18n.js';
import { operationsRoutes, strictTransportSecurity, whileStopping } from './http/operations-routes.js';
import { accessLog } from './observability/access-log.js';
import { needApiRouter, needRouter } from './site/need-routes.js';
import { PUBLIC_DIR, VIEWS_DIR } from './core/paths.js';
import { searchApiRouter } from './search-api/routes.js';
import { needsNoSession, siteRouter } from './site/routes.js';

/** Paths that never need a session: the API, probes and static files stay cookie-free and fast. */
const SESSIONLESS = /^\/(api|healthz|readyz|metrics|assets)(\/|$)/;

export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Only the proxies named in TRUST_PROXY may tell the client's address and scheme (X-Forwarded-For, -Proto).
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.engine('ejs', ejsEngine(VIEWS_DIR));
  if (ctx.config.NODE_ENV === 'production') app.enable('view cache');
  app.locals.assetVersion = assetVersion(PUBLIC_DIR);

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'"], 'upgrade-insecure-requests': null },
      },
      strictTransportSecurity: false,
    }),
  );
  // Browsers send `GET //` (a mistyped or concatenated address): it means the home page.
  app.use((req, res, next) => (/^\/{2,}(\?|$)/.test(req.originalUrl) ? res.redirect(301, '/') : next()));
  app.use(accessLog(ctx.logger));
  app.use(ctx.metrics.middleware);
  app.use(whileStopping(ctx.readiness));
  app.use(strictTransportSecurity);
  // Pages are text that shrinks to a fifth (a search page from about 35 KB); the proxy may compress as well.
  app.use(compression());
  app.use('/assets', express.static(PUBLIC_DIR, { maxAge: '1h', fallthrough: false }));
  app.use(cookieParser());
  app.use(csrfSecret(ctx.sessionSecret));
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 2000 }));
  app.use(languageMiddleware());

  app.use(operationsRoutes(ctx));
  app.use(searchApiRouter(ctx));
  app.use(needApiRouter(ctx));
  app.use(listingApiRouter(ctx));

  app.use(ctx.writeGate.middleware);
  const withSession = sessionMiddleware(ctx.db, ctx.sessionSecret, ctx.writeGate);
  app.use((req, res, next) => (SESSIONLESS.test(req.path) || needsNoSession(req) ? next() : withSession(req, res, next)));
  app.use('/admin', adminRouter(ctx));
  app.use(needRouter(ctx));
  app.use(siteRouter(ctx));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
