/** What can go wrong with an external engine, by what the remote index does about it. */
import { EngineRejection } from '../core/engine.js';

/**
 * The live index is gone, was replaced from outside, or lacks its settings (an attribute is not filterable):
 * the engine stops answering until it is connected again and rebuilt.
 */
export class IndexLost extends EngineRejection {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IndexLost';
  }
}

/** The server refused the key (401, 403): the engine is left, and asked again later. */
export class AccessRefused extends EngineRejection {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AccessRefused';
  }
}

/** The server is older than the oldest version supported: it is not used, and is asked again later. */
export class VersionRefused extends EngineRejection {
  constructor(message: string) {
    super(message);
    this.name = 'VersionRefused';
  }
}

/** Another process holds the rebuild lease and the caller chose not to wait. */
export class RebuildRunning extends EngineRejection {
  constructor(message: string) {
    super(message);
    this.name = 'RebuildRunning';
  }
}

/** The engine cannot answer this query exactly (too many words): the embedded engine answers it. Nothing is wrong. */
export class QueryUnsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryUnsupported';
  }
}
