/**
 * What community features add to a paper page, each loaded for the request: a section under the
 * abstract (the discussion) and actions beside the links (save to a collection, claim
 * authorship). A feature registers one function here (its type: paper-extension.ts); the paper
 * route renders what they return.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Paper } from '../../core/paper.ts';
import type { AppContext } from '../context.ts';
import { discussionExtension } from './comments-routes.tsx';
import { claimExtension } from './claim-routes.tsx';
import { collectionSave } from './collection-save.tsx';
import { submitNotice, submitterLink } from './submit-routes.tsx';
import type { PaperExtension } from './paper-extension.ts';
import type { Site } from './site.ts';

/** The registered features, in page order. */
export const PAPER_EXTENSIONS: PaperExtension[] = [discussionExtension, submitNotice, submitterLink, collectionSave, claimExtension];

/** Runs every extension for a paper and gathers what they add. */
export async function paperExtras(c: Context, ctx: AppContext, paper: Paper, site: Site): Promise<{ actions: Child[]; sections: Child[]; authorLinks: Record<string, string>; submitterHandle?: string }> {
  const all = await Promise.all(PAPER_EXTENSIONS.map((ext) => ext(c, ctx, paper, site)));
  return {
    actions: all.flatMap((e) => (e.actions ? [e.actions] : [])),
    sections: all.flatMap((e) => (e.section ? [e.section] : [])),
    authorLinks: Object.assign({}, ...all.map((e) => e.authorLinks ?? {})) as Record<string, string>,
    ...Object.assign({}, ...all.map((e) => (e.submitterHandle ? { submitterHandle: e.submitterHandle } : {}))),
  };
}
