/** The one error type of the application: a code, an HTTP status, a message and optional details. */
import type { FieldMessages } from './messages.js';

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** What is wrong with each bad field or parameter. */
    readonly details?: FieldMessages,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** A 400 naming each bad parameter or field. */
export function badRequest(details: FieldMessages, message = 'invalid request'): AppError {
  return new AppError('bad_request', 400, message, details);
}

/** A 404 for a listing or page that does not exist (or is not public). */
export function notFound(message = 'not found'): AppError {
  return new AppError('not_found', 404, message);
}
