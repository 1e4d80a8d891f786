/**
 * The admin page of ingestion (`/admin/ingest`, behind the admin password): each source's
 * checkpoint and lease, the next scheduled runs, and the latest runs with their counts (requests
 * with their HTTP attempts when some were tried again) and errors.
 */
import { attemptsNote, type RunStatusView, type SourceStatus } from '../../actions/ingest/status.ts';
import { utcTime } from '../../core/utc-time.ts';
import type { IngestRun } from '../../db/ingest.ts';
import { Layout } from './layout.tsx';
import type { Site } from './site.ts';

export interface AdminIngestProps {
  site: Site;
  /** Each source's checkpoint and lease (an interrupted one: its process died on this host). */
  checkpoints: SourceStatus[];
  runs: RunStatusView[];
  upcoming: { name: string; at: Date | null }[];
  /** What the store holds: its papers, and the newest feed day with how many days ago that was. */
  store: { papers: number; newestDay: string | undefined; daysOld: number | undefined };
}

/** Past this many days without a new feed day, the page says the feed has gone stale. */
const STALE_DAYS = 3;

const when = (iso: string | null): string => (iso ? utcTime(iso, { seconds: true }) : '—');

function duration(run: IngestRun): string {
  if (!run.finished_at) return run.status === 'running' ? 'running' : '—';
  const s = Math.round((Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** The ingestion status page. */
export function AdminIngestView(props: AdminIngestProps) {
  return (
    <Layout site={props.site} title="Ingestion">
      <div class="admin">
        <h1>Ingestion</h1>
        <p>
          {props.store.papers.toLocaleString('en-US')} papers stored;{' '}
          {props.store.newestDay ? `the newest feed day is ${props.store.newestDay} (${props.store.daysOld === 0 ? 'today' : props.store.daysOld === 1 ? 'yesterday' : `${props.store.daysOld} days ago`}).` : 'no feed day yet.'}
        </p>
        {props.store.daysOld !== undefined && props.store.daysOld > STALE_DAYS ? (
          <p class="notice error" role="alert">
            No new papers for {props.store.daysOld} days: check that the schedule below is on (or that cron runs <code>npx paperboy ingest</code>) and what the recent runs say.
          </p>
        ) : null}
        <h2>Sources</h2>
        {props.checkpoints.length === 0 ? (
          <p>No source has run yet.</p>
        ) : (
          <div class="table-wrap">
            <table class="ingest-sources">
              <thead>
                <tr><th scope="col">Source</th><th scope="col">Checkpoint</th><th scope="col">Updated</th><th scope="col">Running on</th></tr>
              </thead>
              <tbody>
                {props.checkpoints.map((c) => (
                  <tr>
                    <th scope="row">{c.source}</th>
                    <td data-label="Checkpoint" title={JSON.stringify(c.state)}>{c.described}</td>
                    <td data-label="Updated">{when(c.updatedAt)}</td>
                    <td data-label="Running on">{!c.leaseOwner ? '—' : c.interrupted ? `interrupted: ${c.leaseOwner} is gone; the next run resumes` : `${c.leaseOwner} (until ${when(c.leaseUntil)})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h2>Schedule</h2>
        {props.upcoming.length === 0 ? (
          <p>
            The schedule is off in this process (<code>INGEST_SCHEDULE=0</code>, or not started by <code>serve</code>).
          </p>
        ) : (
          <ul>
            {props.upcoming.map((u) => (
              <li>
                <strong>{u.name}</strong>: next run {u.at ? when(u.at.toISOString()) : 'never'}
              </li>
            ))}
          </ul>
        )}
        <h2>Recent runs</h2>
        {props.runs.length === 0 ? <p>No run yet: the schedule's first one, or <code>npx paperboy ingest …</code>, will show here.</p> : null}
        <div class="table-wrap" hidden={props.runs.length === 0}>
          <table class="ingest-runs">
            <thead>
              <tr>
                <th scope="col">Started</th><th scope="col">Source</th><th scope="col">Covered</th><th scope="col">Status</th>
                <th scope="col">Took</th><th scope="col">Papers</th><th scope="col">Requests</th>
              </tr>
            </thead>
            {props.runs.map(({ run: r, status, covered, errors }) => (
              <tbody>
                <tr>
                  <td data-label="Started">{when(r.started_at)}</td>
                  <td data-label="Source" class="ingest-source">{r.source}</td>
                  <td data-label="Covered">{covered}</td>
                  <td data-label="Status" class={`status-${status}`}>{status}</td>
                  <td data-label="Took">{duration(r)}</td>
                  <td data-label="Papers">{r.inserted} new, {r.updated} updated, {r.unchanged} unchanged, {r.skipped} skipped, {r.rejected} rejected</td>
                  <td data-label="Requests" title={r.attempts === null ? undefined : `${r.attempts} HTTP attempts: the requests and their retries`}>
                    {r.requests}
                    {attemptsNote(r)}
                  </td>
                </tr>
                {errors.length === 0 ? null : (
                  <tr class="run-problems">
                    <td colspan={7}>
                      <strong>{errors.length === 1 ? '1 problem' : `${errors.length} problems`}:</strong> {errors[0]}
                      {errors.length > 1 ? (
                        <details>
                          <summary>{errors.length === 2 ? 'the other one' : `the other ${errors.length - 1}`}</summary>
                          <ul>{errors.slice(1, 50).map((e) => <li>{e}</li>)}</ul>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                )}
              </tbody>
            ))}
          </table>
        </div>
      </div>
    </Layout>
  );
}
