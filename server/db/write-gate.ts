/**
 * Keeps this process's writes from blocking the event loop while another connection (an import's worker thread)
 * holds the database's write lock for a long transaction. better-sqlite3 waits for a lock synchronously, so a
 * write that met the lock would freeze every request for as long as the import writes; instead, requests that
 * may write wait here, asynchronously, and the import starts writing only when none of them is under way.
 */
import type { RequestHandler } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class WriteGate {
  /** Requests that may write and have been let through. */
  private holders = 0;
  /** Exclusive sections waiting for the holders to finish, in order. */
  private readonly pending: (() => void)[] = [];
  private exclusiveRunning = false;
  /** Whoever waits for the exclusive sections to end. */
  private waiters: (() => void)[] = [];

  /** True while an exclusive section holds the database (its writes would block). */
  get busy(): boolean {
    return this.exclusiveRunning;
  }

  /** Resolves once no exclusive section runs or waits to run. */
  whenFree(): Promise<void> {
    if (!this.exclusiveRunning && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once no exclusive section runs (one waiting for the holders does not count). */
  whenNotBusy(): Promise<void> {
    if (!this.exclusiveRunning) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Lets a request that may write through once no exclusive section runs or waits; call the result when it ends. */
  async enter(): Promise<() => void> {
    while (this.exclusiveRunning || this.pending.length > 0) await this.whenFree();
    this.holders++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      this.startNext();
    };
  }

  /** Runs `fn` once every request let through has ended; requests that may write wait until it is done. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.pending.push(resolve);
      this.startNext();
    });
    try {
      return await fn();
    } finally {
      this.exclusiveRunning = false;
      this.startNext();
    }
  }

  private startNext(): void {
    if (this.exclusiveRunning) return;
    if (this.holders === 0 && this.pending.length > 0) {
      this.exclusiveRunning = true;
      this.pending.shift()!();
      return;
    }
    if (this.pending.length === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    }
  }

  /**
   * Middleware: a request that may write (any method but GET, HEAD, OPTIONS) holds the gate until its response
   * ends, or until it calls `res.locals.releaseWriteGate()` because it will write no more (it waits for a worker).
   */
  readonly middleware: RequestHandler = (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    this.enter().then((release) => {
      res.locals.releaseWriteGate = release;
      res.once('finish', release);
      res.once('close', release);
      next();
    }, next);
  };
}
