/**
 * The headers of mail people can stop with one click (RFC 2369 and RFC 8058): List-Unsubscribe
 * with the signed link, List-Unsubscribe-Post so clients POST it without a cookie, and a List-Id
 * per kind of mail. Digests and reply mails both carry them.
 */

/** The host name mail ids use: the public address's, or a placeholder. */
export function mailHost(baseUrl: string): string {
  return new URL(baseUrl).hostname || 'paperboy.local';
}

/** List headers for mail of one kind (`id` such as "digest"), stopped by POSTing to `unsubscribeUrl`. */
export function oneClickHeaders(baseUrl: string, list: { name: string; id: string }, unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'List-Id': `${list.name} <${list.id}.${mailHost(baseUrl)}>` };
}
