/** Turns zod failures into AppErrors that name each bad parameter. */
import type { z } from 'zod';
import { badRequest, type ErrorDetails } from './app-error.js';

/** `{path: message}` for every issue; the first issue of a path wins. */
export function issuesToDetails(error: z.ZodError): ErrorDetails {
  const details: ErrorDetails = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_';
    details[key] ??= issue.message;
  }
  return details;
}

/** Parses `value` with `schema` or throws a 400 naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, message = 'invalid request'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(issuesToDetails(result.error), message);
  return result.data;
}
