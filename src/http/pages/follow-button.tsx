/**
 * "Follow in your digest": a small form posting to /follow with what to follow. Signed-in users
 * get it added to the email digest of their account; visitors are sent to sign in and brought back.
 */
import { type Follow, validateFollow } from '../../core/digest.ts';
import { PostFields } from './post-fields.tsx';

export function FollowButton(props: { follow: Follow }) {
  // Only what the digest can follow (a 300-character search cannot be a topic): no button otherwise.
  if ('error' in validateFollow(props.follow.kind, props.follow.value)) return null;
  return (
    <form class="follow-form" method="post" action="/follow">
      <PostFields />
      <input type="hidden" name="kind" value={props.follow.kind} />
      <input type="hidden" name="value" value={props.follow.value} />
      <button type="submit" class="button small">
        Follow in your email digest
      </button>
    </form>
  );
}
