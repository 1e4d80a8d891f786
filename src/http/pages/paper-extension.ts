/**
 * The shape of a paper page extension (paper-extensions.tsx registers them): a function that,
 * for one request, returns what a community feature adds to the page. On its own so that the
 * features can name the type without importing the registry that imports them.
 */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Paper } from '../../core/paper.ts';
import type { AppContext } from '../context.ts';
import type { Site } from './site.ts';

export interface PaperExtras {
  /** Rendered beside the paper's links. */
  actions?: Child;
  /** Rendered after the abstract and categories, before related papers. */
  section?: Child;
  /** Author name to profile handle, for authors who claimed their name. */
  authorLinks?: Record<string, string>;
  /** The profile handle of the account here that submitted the paper. */
  submitterHandle?: string;
}

export type PaperExtension = (c: Context, ctx: AppContext, paper: Paper, site: Site) => Promise<PaperExtras>;
