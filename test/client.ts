/**
 * A small HTTP client for page tests over `app.request()` (or a real server): keeps cookies like
 * a browser, reads the CSRF value from the last page, and posts forms with it.
 */

/** What the client needs of a server: a Hono app's `request`, or a fetch against a live one. */
export interface Requester {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

export interface PageClient {
  get(path: string): Promise<Response>;
  /** Posts a form; the CSRF value of the last page is added unless `_csrf` is given. */
  post(path: string, fields?: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  /** The CSRF value from the last HTML page fetched. */
  readonly csrf: string;
  cookies: Map<string, string>;
}

/** A client with its own cookie jar. */
export function pageClient(app: Requester, opts: { ip?: string } = {}): PageClient {
  const cookies = new Map<string, string>();
  let csrf = '';
  const headers = (): Record<string, string> => ({
    cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    'x-forwarded-for': opts.ip ?? '203.0.113.7',
  });
  const keep = async (res: Response): Promise<Response> => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (!k) continue;
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(k.trim());
      else cookies.set(k.trim(), v.join('='));
    }
    if ((res.headers.get('content-type') ?? '').includes('text/html')) {
      const text = await res.clone().text();
      const m = /name="_csrf" value="([^"]*)"/.exec(text);
      if (m?.[1]) csrf = m[1];
    }
    return res;
  };
  return {
    cookies,
    get csrf() {
      return csrf;
    },
    get: async (path) => keep(await app.request(path, { headers: headers() })),
    post: async (path, fields = {}, extra = {}) => {
      const body = new URLSearchParams({ _csrf: csrf, ...fields });
      return keep(await app.request(path, { method: 'POST', body, headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded', ...extra } }));
    },
  };
}

/** The first link to this site's path in a mail text. */
export function linkIn(text: string, base: string): string {
  const m = new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/[^\\s>"]+)`).exec(text);
  if (!m) throw new Error(`no ${base} link in:\n${text}`);
  return m[1] as string;
}
