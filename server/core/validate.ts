/** Turns zod failures into AppErrors that name each bad parameter. */
import type { z } from 'zod';
import { badRequest } from './app-error.js';
import { issuesToMessages } from './messages.js';

/** Parses `value` with `schema` or throws a 400 naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, message = 'invalid request'): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(issuesToMessages(result.error), message);
  return result.data;
}
