/**
 * Who put a paper in the daily feed, as pages show it: the name linking to their profile here when
 * an account here submitted it, to their Hugging Face page when the submitter came from Hugging
 * Face (rel="nofollow noopener": an outside page the site does not vouch for), else the name alone.
 */
import { hfUserUrl, type Paper } from '../../core/paper.ts';

/** The submitter's name, linked where there is somewhere to link to; nothing when nobody is known. */
export function Submitter(props: { paper: Pick<Paper, 'submittedBy' | 'submittedByHfUser' | 'submittedHere'>; handle?: string | undefined }) {
  const p = props.paper;
  if (!p.submittedBy) return null;
  if (props.handle) return <a href={`/users/${props.handle}`}>{p.submittedBy}</a>;
  if (p.submittedByHfUser && !p.submittedHere) {
    return (
      <a class="hf-user" href={hfUserUrl(p.submittedByHfUser)} rel="nofollow noopener" title={`${p.submittedByHfUser} on Hugging Face`}>
        {p.submittedBy}
      </a>
    );
  }
  return <>{p.submittedBy}</>;
}
