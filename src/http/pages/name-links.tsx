/**
 * Links from the names papers carry: an author to their page (`/authors/NAME`), an organization to
 * its own page when it has one (the paper is assigned to it, or an organization of that name exists,
 * in any case), else to the page of the papers naming it (`/orgs/named/NAME`). Which organizations
 * have a page is read once per request, and only by a page that shows an organization name.
 */
import type { MiddlewareHandler } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import { organizationHandles } from '../../actions/name-pages.ts';
import { nameKey, orgLabel, type Paper } from '../../core/paper.ts';
import type { AppContext } from '../context.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** Handles of the organizations with a page, by name key; read on first use in a request. */
    orgHandles: (() => Promise<Map<string, string>>) | undefined;
  }
}

const segment = (name: string): string => encodeURIComponent(name.replace(/\s+/g, ' ').trim());

/** The page of an author's papers. */
export function authorPath(name: string): string {
  return `/authors/${segment(name)}`;
}

/** The page of the papers naming an organization that has no page of its own. */
export function namedOrgPath(name: string): string {
  return `/orgs/named/${segment(name)}`;
}

/** Middleware giving this request's pages a lazy look-up of the organizations with a page. */
export function organizationLinks(ctx: AppContext): MiddlewareHandler {
  return async (c, next) => {
    let loaded: Promise<Map<string, string>> | undefined;
    c.set('orgHandles', () => (loaded ??= organizationHandles(ctx.database.db)));
    await next();
  };
}

/** Where a paper's organization name leads (see the module comment). */
export async function organizationHref(p: Pick<Paper, 'organization' | 'orgHandle'>): Promise<string | undefined> {
  if (p.orgHandle) return `/orgs/${p.orgHandle}`;
  if (!p.organization) return undefined;
  const handles = await (tryGetContext()?.var.orgHandles?.() ?? Promise.resolve(new Map<string, string>()));
  const handle = handles.get(nameKey(p.organization));
  return handle ? `/orgs/${handle}` : namedOrgPath(p.organization);
}

/**
 * A paper's organization as a link (see the module comment), labelled with the name of the
 * organization it is assigned to, if it is (core `orgLabel`); `titled` repeats the name as a
 * tooltip, for cards that may cut it short.
 */
export async function OrgLink(props: { paper: Pick<Paper, 'organization' | 'orgHandle' | 'orgName'>; titled?: boolean }) {
  const label = orgLabel(props.paper);
  const href = await organizationHref(props.paper);
  if (!label || !href) return null;
  return (
    <a class="org" href={href} title={props.titled ? label : undefined}>
      {label}
    </a>
  );
}
