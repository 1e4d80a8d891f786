/**
 * Stand-alone comment forms: editing a comment (a box as large as the comment, the formatting
 * help, and until when it may be edited), and a comment or reply sent back with what was wrong
 * (empty, too long) so the text is not lost; and what an edit link opened too late says. Plain
 * forms, no JavaScript needed.
 */
import type { Child } from 'hono/jsx';
import { CommentFields, rowsFor } from './comments-section.tsx';
import { CsrfField, Layout } from './layout.tsx';
import type { Site } from './site.ts';

/**
 * The edit link of a comment that can no longer be edited (its window closed, or a moderator hid
 * it), followed late: why, and the way back to the comment, rather than a bare error page.
 */
export function EditClosedView(props: { site: Site; reason: string; backHref: string }) {
  return (
    <Layout site={props.site} title="This comment can no longer be edited">
      <div class="form-page comment-page">
        <h1>This comment can no longer be edited</h1>
        <p class="notice" role="status">
          {props.reason}
        </p>
        <p>
          <a href={props.backHref}>Back to the comment</a>
        </p>
      </div>
    </Layout>
  );
}

/** A comment form on its own page. */
export function CommentFormView(props: {
  site: Site;
  title: string;
  action: string;
  backHref: string;
  hidden?: Record<string, string>;
  value?: string;
  error?: string;
  /** A line under the title (the edit window). */
  note?: Child;
  submit: string;
}) {
  return (
    <Layout site={props.site} title={props.title}>
      <div class="form-page comment-page">
        <h1>{props.title}</h1>
        {props.note ? <p class="muted comment-page-note">{props.note}</p> : null}
        {props.error ? (
          <p class="notice error" role="alert" id="comment-error">
            {props.error}
          </p>
        ) : null}
        <form method="post" action={props.action} class="comment-form">
          <CsrfField site={props.site} />
          {Object.entries(props.hidden ?? {}).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <CommentFields
            id="comment-body"
            label="Comment"
            submit={props.submit}
            rows={rowsFor(props.value ?? '', 6)}
            {...(props.value !== undefined ? { value: props.value } : {})}
            {...(props.error ? { errorId: 'comment-error' } : {})}
          />
        </form>
        <p>
          <a href={props.backHref}>Back to the paper</a>
        </p>
      </div>
    </Layout>
  );
}
