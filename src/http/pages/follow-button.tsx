/**
 * "Follow in your digest": a small form posting to /follow with what to follow. Signed-in users
 * get it added to the email digest of their account; visitors are sent to sign in and brought back.
 * An item the account's active digest already follows shows as followed, with a link to the
 * digest's preferences (where it can be dropped); what the account follows is read once per
 * request, and only by a page that shows a follow button to a signed-in user.
 */
import type { MiddlewareHandler } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import { followKey, followsOfUser } from '../../actions/follow.ts';
import { type Follow, validateFollow } from '../../core/digest.ts';
import type { AppContext } from '../context.ts';
import { PostFields } from './post-fields.tsx';
import { TimezoneField } from './subscribe-box.tsx';

declare module 'hono' {
  interface ContextVariableMap {
    /** What the signed-in account's digest follows; read on first use in a request. */
    followedItems: (() => Promise<Set<string>>) | undefined;
  }
}

/** Middleware giving this request's pages a lazy look-up of what the signed-in account follows. */
export function followedItems(ctx: AppContext): MiddlewareHandler {
  return async (c, next) => {
    let loaded: Promise<Set<string>> | undefined;
    const user = c.get('user');
    c.set('followedItems', user ? () => (loaded ??= followsOfUser(ctx.database.db, user)) : undefined);
    await next();
  };
}

export async function FollowButton(props: { follow: Follow }) {
  // Only what the digest can follow (a 300-character search cannot be a topic): no button otherwise.
  const valid = validateFollow(props.follow.kind, props.follow.value);
  if ('error' in valid) return null;
  const followed = await (tryGetContext()?.var.followedItems?.() ?? Promise.resolve(new Set<string>()));
  if (followed.has(followKey({ kind: props.follow.kind, value: valid.value }))) {
    return (
      <p class="follow-form followed">
        <span aria-hidden="true">✓ </span>In your email digest · <a href="/digest">Manage</a>
      </p>
    );
  }
  return (
    <form class="follow-form" method="post" action="/follow">
      <PostFields />
      <TimezoneField />
      <input type="hidden" name="kind" value={props.follow.kind} />
      <input type="hidden" name="value" value={props.follow.value} />
      <button type="submit" class="button small">
        Follow in your email digest
      </button>
    </form>
  );
}
