/**
 * The digest mail: a plain-text part and an HTML part (a single-column table with inline styles,
 * which common clients and phones render alike) holding each section's papers with title,
 * authors, organization, upvotes, a two-line abstract snippet and links to the paper page and
 * arXiv, plus a visible unsubscribe link and the preferences link.
 */
import type { Digest, DigestSection } from '../core/digest.ts';
import { orgLabel, type Paper } from '../core/paper.ts';
import { mathToText, plainTitle } from '../core/math-text.ts';
import { arxivUrl, authorLine, esc, paperUrl, snippet } from './html.ts';

export interface DigestMailInput {
  digest: Digest;
  siteName: string;
  baseUrl: string;
  /** "Aug 20, 2026", "Week 34 of 2026". */
  periodLabel: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** The heading of a section. */
export function sectionTitle(s: DigestSection): string {
  switch (s.kind) {
    case 'topic':
      return `New on “${s.value}”`;
    case 'author':
      return `New from ${s.value}`;
    case 'organization':
      return `New from ${s.value}`;
    case 'category':
      return `New in ${s.value}`;
    default:
      return 'Trending';
  }
}

/** Renders a digest as subject, text and HTML. */
export function renderDigestMail(m: DigestMailInput): RenderedMail {
  const n = m.digest.paperCount;
  const subject = `${m.siteName} digest, ${m.periodLabel}: ${n} paper${n === 1 ? '' : 's'}`;
  return { subject, text: renderText(m), html: renderHtml(m, subject) };
}

function metaLine(p: Paper): string {
  return [authorLine(p.authors, p.authorsCount), orgLabel(p), `${p.upvotes} upvote${p.upvotes === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
}

// A paper's blocks are the same in every digest of a run (papers come from one shared period
// index), so each is rendered once: 100,000 digests then cost string joins, not 100,000 renders.
const rendered = new WeakMap<Paper, { baseUrl: string; text: string; html: string }>();

function blocks(m: DigestMailInput, p: Paper): { text: string; html: string } {
  const hit = rendered.get(p);
  if (hit && hit.baseUrl === m.baseUrl) return hit;
  const out = { baseUrl: m.baseUrl, text: paperText(m, p), html: paperHtml(m, p) };
  rendered.set(p, out);
  return out;
}

function paperText(m: DigestMailInput, p: Paper): string {
  const out = [`* ${plainTitle(p.title)}`, `  ${metaLine(p)}`];
  if (p.abstract) out.push(`  ${snippet(mathToText(p.abstract))}`);
  out.push(`  ${paperUrl(m.baseUrl, p.id)}`);
  const arxiv = arxivUrl(p.arxivId);
  if (arxiv) out.push(`  arXiv: ${arxiv}`);
  out.push('');
  return out.join('\n');
}

function renderText(m: DigestMailInput): string {
  const out: string[] = [`${m.siteName} · ${m.periodLabel}`, ''];
  for (const s of m.digest.sections) {
    const title = sectionTitle(s);
    out.push(title, '='.repeat(Math.min(60, title.length)), '');
    for (const p of s.papers) out.push(blocks(m, p).text);
  }
  out.push('--', `Change what you get or when: ${m.preferencesUrl}`, `Unsubscribe (one click): ${m.unsubscribeUrl}`, '');
  return out.join('\n');
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function paperHtml(m: DigestMailInput, p: Paper): string {
  const url = paperUrl(m.baseUrl, p.id);
  const arxiv = arxivUrl(p.arxivId);
  return `<tr><td style="padding:12px 0;border-bottom:1px solid #e5e7eb;${FONT}">
<a href="${esc(url)}" style="font-size:16px;font-weight:600;color:#111827;text-decoration:none;line-height:1.35">${esc(plainTitle(p.title))}</a>
<div style="font-size:13px;color:#6b7280;margin-top:4px">${esc(metaLine(p))}</div>
${p.abstract ? `<div style="font-size:14px;color:#374151;margin-top:6px;line-height:1.45">${esc(snippet(mathToText(p.abstract)))}</div>` : ''}
<div style="font-size:13px;margin-top:6px"><a href="${esc(url)}" style="color:#2563eb">Paper page</a>${arxiv ? ` · <a href="${esc(arxiv)}" style="color:#2563eb">arXiv</a>` : ''}</div>
</td></tr>`;
}

function renderHtml(m: DigestMailInput, subject: string): string {
  const sections = m.digest.sections
    .map(
      (s) =>
        `<tr><td style="padding:20px 0 4px;${FONT}"><h2 style="margin:0;font-size:18px;color:#111827">${esc(sectionTitle(s))}</h2></td></tr>\n${s.papers.map((p) => blocks(m, p).html).join('\n')}`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:16px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border-radius:8px;padding:0 20px">
<tr><td style="padding:20px 0 0;${FONT}"><a href="${esc(m.baseUrl)}/" style="font-size:20px;font-weight:700;color:#111827;text-decoration:none">${esc(m.siteName)}</a>
<div style="font-size:14px;color:#6b7280">${esc(m.periodLabel)}</div></td></tr>
${sections}
<tr><td style="padding:20px 0;font-size:12px;color:#6b7280;${FONT}">You get this because you subscribed to ${esc(m.siteName)}'s digest.
<a href="${esc(m.preferencesUrl)}" style="color:#2563eb">Preferences</a> · <a href="${esc(m.unsubscribeUrl)}" style="color:#2563eb">Unsubscribe</a></td></tr>
</table></td></tr></table>
</body></html>`;
}
