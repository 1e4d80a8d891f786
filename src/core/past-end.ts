/**
 * What a paged list answers for a page past its last: the pages say "no such page" (a 404), the
 * JSON API an empty page with its page count, as its daily feed and search do.
 */

/** `notFound`: a 404 past the last page; `empty`: the page asked for, with nothing on it. */
export type PastEnd = 'notFound' | 'empty';
