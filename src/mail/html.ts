/** Small helpers for mail bodies: HTML escaping, paper links and plain-text snippets. */

/** Escapes text for HTML element content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Absolute URL of a paper's page (ids such as hep-th/9901001 keep their slash). */
export function paperUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/papers/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/** Absolute URL of a paper's arXiv abstract page, when it has an arXiv id. */
export function arxivUrl(arxivId: string | null): string | undefined {
  return arxivId ? `https://arxiv.org/abs/${arxivId}` : undefined;
}

/**
 * Collapses whitespace and cuts at a word boundary near `max` characters: by default about two
 * lines of a digest's 600-pixel column at 14 px (some 80 characters a line).
 */
export function snippet(text: string, max = 165): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/** "A, B, C et al." for a mail line. */
export function authorLine(authors: readonly string[], count: number): string {
  const shown = authors.slice(0, 3).join(', ');
  return count > 3 || authors.length > 3 ? `${shown} et al.` : shown;
}
