/**
 * The JSON body of an API request: an object, or a 400 `invalid_json` (malformed JSON, an array,
 * a string or null), the same answer from every API route that reads one.
 */
import type { Context } from 'hono';
import { badRequest } from '../../core/errors.ts';

/** The JSON object of a request body, or a 400. */
export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    throw badRequest('invalid_json', 'The request body must be a JSON object.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('invalid_json', 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}
