/**
 * Database and mail server URLs in messages and logs, with their credentials masked: everything
 * from after the user name up to the last "@" (a password may itself hold "@"), and a
 * password=... parameter. A value that is not a URL but holds an "@" keeps only what precedes its
 * first ":" and follows its last "@"; a sqlite: path is shown as it is.
 */
export function redactUrl(url: string): string {
  const at = url.lastIndexOf('@');
  let out = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0];
  if (at >= 0 && (scheme || !url.startsWith('sqlite:'))) {
    const colon = url.indexOf(':', scheme?.length ?? 0);
    if (colon >= 0 && colon < at) out = `${url.slice(0, colon)}:***${url.slice(at)}`;
  }
  return out.replace(/([?&]password=)[^&#]*/gi, '$1***');
}
