/**
 * Form handling shared by page routes: read a posted form's fields, run a form action so that
 * an expected failure re-renders the form with its message instead of an error page, and tie a
 * field to its hint and to the error about it.
 */
import type { Context } from 'hono';
import { AppError } from '../../core/errors.ts';

/** The string fields of a posted form, without the CSRF value. */
export async function form(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

/**
 * aria-invalid and aria-describedby for a form field: the error (by its id) when the error is
 * about this field, then the field's hint (by its id) if it has one.
 */
export function fieldAria(bad: boolean, errorId: string, hint?: string): Record<string, string> {
  const described = [bad ? errorId : '', hint ?? ''].filter(Boolean).join(' ');
  return { ...(bad ? { 'aria-invalid': 'true' } : {}), ...(described ? { 'aria-describedby': described } : {}) };
}

/** Runs a form action; an expected 4xx (not a rate limit) re-renders the form with its message. */
export async function orForm(c: Context, run: () => Promise<Response>, render: (error: string) => Response | Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.status !== 429) {
      c.status(err.status as 400);
      return render(err.message);
    }
    throw err;
  }
}

