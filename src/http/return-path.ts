/**
 * Where a form post goes back to: the page it came from, as a same-site relative path. Forms that
 * redirect back carry it in a hidden `_back` field; failing that, the Referer (browsers send it
 * to this site under the Referrer-Policy `same-origin` the app sets); failing both, the home page.
 */
import type { Context } from 'hono';

/** The hidden form field holding the page to go back to. */
export const BACK_FIELD = '_back';

const PROBE = 'http://same-site.invalid';

/** A same-site path (with query and fragment) to go back to, or '/' for anything else (other hosts, `//x`, `/\x`). */
export function safeNext(raw: string | undefined): string {
  // Browsers drop tabs and newlines and read `\` as `/`, so "/\t/evil.example" would leave the site.
  if (!raw || raw.length > 2000 || !raw.startsWith('/') || raw.startsWith('//') || /[\\\p{Cc}]/u.test(raw)) return '/';
  try {
    const url = new URL(raw, PROBE);
    // Dot segments can collapse into a leading `//` ("/.//evil.example"): another host again.
    return url.origin === PROBE && !url.pathname.startsWith('//') ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}

/** The current page as a return path for the forms it renders (GET pages only). */
export function currentPath(c: Context): string | undefined {
  return c.req.method === 'GET' ? safeNext(c.req.path + new URL(c.req.url).search) : undefined;
}

/** The page a form was posted from: its `_back` field, else a same-site Referer, else '/'. */
export async function returnPath(c: Context): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const back = await c.req.parseBody().then(
      (body) => body[BACK_FIELD],
      () => undefined,
    );
    if (typeof back === 'string' && back) return safeNext(back);
  }
  try {
    const ref = new URL(c.req.header('referer') ?? '/', c.req.url);
    return ref.origin === new URL(c.req.url).origin ? safeNext(ref.pathname + ref.search) : '/';
  } catch {
    return '/';
  }
}
