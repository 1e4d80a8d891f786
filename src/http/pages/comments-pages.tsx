/**
 * Stand-alone comment forms: editing a comment (a box as large as the comment, the formatting
 * help, and until when it may be edited), and a comment or reply sent back with what was wrong
 * (empty, too long) so the text is not lost. Plain forms, no JavaScript needed.
 */
import type { Child } from 'hono/jsx';
import { CommentFields, rowsFor } from './comments-section.tsx';
import { CsrfField, Layout } from './layout.tsx';
import type { Site } from './site.ts';

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
