/** The EJS view engine, with includes resolved from the views folder instead of probed on disk at every render. */
import ejs from 'ejs';

type EngineCallback = (err: Error | null, html?: string) => void;

/**
 * An Express view engine for EJS. An include written from the views root (`include('/partials/head')`) is
 * found by joining it to `viewsDir`; a relative one is probed with `fs.existsSync` on every render, even
 * when the compiled template comes from the cache, which cost about a tenth of a search page. Compiled
 * templates are kept for the life of the process when the app's `view cache` is on (production), as
 * Express's default EJS setup does.
 */
export function ejsEngine(viewsDir: string) {
  const fresh: ejs.Options = { root: viewsDir, views: [viewsDir], cache: false };
  const cached: ejs.Options = { ...fresh, cache: true };
  return (path: string, data: { settings?: Record<string, unknown> }, done: EngineCallback): void => {
    ejs.renderFile(path, data, data.settings?.['view cache'] ? cached : fresh, done);
  };
}
