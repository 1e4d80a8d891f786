/**
 * Submitting a paper from the site: `/submit` shows the form (signed-in users; `?id=` fills it
 * in, as the search page's offer of an arXiv id not here yet does), its POST fetches
 * the paper from arXiv (actions/submit-paper.ts, like POST /api/submissions) and sends the user
 * to the paper's page, with a notice when the paper was already here (while arXiv answers, busy.js
 * shows the button working). Also the page extensions that show that notice and link a paper's
 * submitter, when an account here submitted it, to their profile.
 */
import { type Context, Hono } from 'hono';
import { submitPaper } from '../../actions/submit-paper.ts';
import { AppError } from '../../core/errors.ts';
import { submitterHandle } from '../../db/submissions.ts';
import { clientIp, requireUser } from '../auth.ts';
import type { AppContext } from '../context.ts';
import { paperPath } from './format.ts';
import { CsrfField, Layout } from './layout.tsx';
import type { PaperExtension } from './paper-extension.ts';
import { type Site, siteOf } from './site.ts';

/** The submit form, with the last error and value when a submission failed. */
export function SubmitView(props: { site: Site; error?: string; value?: string }) {
  return (
    <Layout site={props.site} title="Submit a paper">
      <div class="form-page">
        <h1>Submit a paper</h1>
        <p>Add a paper to today's Daily Papers. Paperboy fetches its title, authors and abstract from arXiv.</p>
        {props.error ? (
          <p class="notice error" role="alert">
            {props.error}
          </p>
        ) : null}
        <form method="post" action="/submit">
          <CsrfField site={props.site} />
          <label for="arxiv-id">arXiv id or link</label>
          <input id="arxiv-id" name="id" type="text" required maxlength={300} placeholder="2501.05441 or https://arxiv.org/abs/2501.05441" value={props.value ?? ''} />
          <div class="actions">
            {/* busy.js: arXiv can take seconds to answer; the button says so and cannot be pressed twice. */}
            <button class="button primary" type="submit" data-busy="Fetching from arXiv…">
              Submit
            </button>
          </div>
        </form>
      </div>
    </Layout>
  );
}

/** Routes for /submit. */
export function submitRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const db = ctx.database.db;
  app.get('/submit', (c) => {
    requireUser(c);
    const id = c.req.query('id');
    return c.html(<SubmitView site={siteOf(c, ctx)} {...(id ? { value: id.slice(0, 300) } : {})} />);
  });
  app.post('/submit', async (c: Context) => {
    const user = requireUser(c);
    const body = await c.req.parseBody();
    const value = typeof body['id'] === 'string' ? body['id'] : '';
    try {
      const r = await submitPaper(db, ctx.arxiv, { id: value, user, ip: clientIp(c, ctx), search: ctx.search }, ctx.now());
      return c.redirect(`${paperPath(r.paper.id)}?${r.existing ? 'already=1' : 'submitted=1'}`, 303);
    } catch (err) {
      // Expected failures (bad id, unknown paper, arXiv down) show the form again; limits get the 429 page.
      // Not forms.ts's orForm on purpose: arXiv's 502/503 (unreachable, busy) also come back in the
      // form, the id kept, since trying again in a minute is the way out.
      if (err instanceof AppError && err.status !== 429 && err.status !== 401) {
        c.status(err.status as 400);
        return c.html(<SubmitView site={siteOf(c, ctx)} error={err.message} value={value.slice(0, 300)} />);
      }
      throw err;
    }
  });
  return app;
}

/** The notice on a paper's page right after a submission. */
/**
 * The profile of the account that submitted the paper from this site. A submitter known only from
 * Hugging Face is stored by display name alone (not their username there), so it stays text.
 */
export const submitterLink: PaperExtension = async (_c, ctx, paper) => {
  if (!paper.submittedBy) return {};
  const handle = await submitterHandle(ctx.database.db, paper.id);
  return handle ? { submitterHandle: handle } : {};
};

export const submitNotice: PaperExtension = async (c) => {
  if (c.req.query('already') === '1') {
    return { actions: <p class="notice" role="status">This paper was already on Paperboy, so here it is.</p> };
  }
  if (c.req.query('submitted') === '1') {
    return { actions: <p class="notice" role="status">Thanks! The paper is now in today's feed.</p> };
  }
  return {};
};
