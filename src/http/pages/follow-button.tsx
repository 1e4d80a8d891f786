/**
 * "Follow in your digest": a small form posting to /follow with what to follow. Signed-in users
 * get it added to the email digest of their account; visitors are sent to sign in and brought back.
 */
import { tryGetContext } from 'hono/context-storage';
import { type Follow, validateFollow } from '../../core/digest.ts';
import { BACK_FIELD, currentPath } from '../return-path.ts';

export function FollowButton(props: { follow: Follow }) {
  // Only what the digest can follow (a 300-character search cannot be a topic): no button otherwise.
  if ('error' in validateFollow(props.follow.kind, props.follow.value)) return null;
  const c = tryGetContext();
  const back = c ? currentPath(c) : undefined;
  return (
    <form class="follow-form" method="post" action="/follow">
      <input type="hidden" name="_csrf" value={c?.var.csrf ?? ''} />
      {back ? <input type="hidden" name={BACK_FIELD} value={back} /> : null}
      <input type="hidden" name="kind" value={props.follow.kind} />
      <input type="hidden" name="value" value={props.follow.value} />
      <button type="submit" class="button small">
        Follow in your email digest
      </button>
    </form>
  );
}
