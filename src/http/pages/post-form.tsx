/**
 * A form that posts and ends in one submit button: the CSRF field first, then its fields, then the
 * button in the actions row. The settings sections and the one-form pages use it, so none of them
 * can leave out the CSRF field.
 */
import type { Child } from 'hono/jsx';
import { CsrfField } from './layout.tsx';
import type { Site } from './site.ts';

export interface PostFormProps {
  site: Site;
  action: string;
  /** The submit button's label. */
  submit: string;
  /** The button's look: a plain button unless primary (the page's main action) or danger. */
  kind?: 'primary' | 'danger';
  class?: string;
  /** A question the browser asks before posting (confirm.js). */
  confirm?: string;
  children?: Child;
}

/** A POST form with the CSRF field, the fields given, and one submit button. */
export function PostForm(props: PostFormProps) {
  return (
    <form method="post" action={props.action} class={props.class} data-confirm={props.confirm}>
      <CsrfField site={props.site} />
      {props.children}
      <div class="actions">
        <button class={props.kind ? `button ${props.kind}` : 'button'} type="submit">
          {props.submit}
        </button>
      </div>
    </form>
  );
}
