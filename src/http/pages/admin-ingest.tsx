/**
 * The admin page of ingestion (`/admin/ingest`, behind the admin password): each source's
 * checkpoint and lease, the next scheduled runs, and the latest runs with their counts and errors.
 */
import type { IngestRun } from '../../db/ingest.ts';
import { Layout } from './layout.tsx';
import type { Site } from './site.ts';
import { describeCheckpoint } from '../../actions/ingest/checkpoint-text.ts';

export interface AdminIngestProps {
  site: Site;
  checkpoints: { source: string; state: unknown; updatedAt: string; leaseOwner: string | null; leaseUntil: string | null }[];
  runs: IngestRun[];
  upcoming: { name: string; at: Date | null }[];
  /** Sources whose running process has died on this host (killed, Ctrl-C): interrupted, not running. */
  gone: ReadonlySet<string>;
  /** What the store holds: its papers, and the newest feed day with how many days ago that was. */
  store: { papers: number; newestDay: string | undefined; daysOld: number | undefined };
}

/** Past this many days without a new feed day, the page says the feed has gone stale. */
const STALE_DAYS = 3;

const when = (iso: string | null): string => (iso ? iso.replace('T', ' ').slice(0, 19) + ' UTC' : '—');

function duration(run: IngestRun): string {
  if (!run.finished_at) return run.status === 'running' ? 'running' : '—';
  const s = Math.round((Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** The ingestion status page. */
export function AdminIngestView(props: AdminIngestProps) {
  const status = (r: IngestRun): string => (r.status === 'running' && props.gone.has(r.source) ? 'interrupted' : r.status);
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
            <table>
              <thead>
                <tr><th scope="col">Source</th><th scope="col">Checkpoint</th><th scope="col">Updated</th><th scope="col">Running on</th></tr>
              </thead>
              <tbody>
                {props.checkpoints.map((c) => (
                  <tr>
                    <th scope="row">{c.source}</th>
                    <td title={JSON.stringify(c.state)}>{describeCheckpoint(c.state)}</td>
                    <td>{when(c.updatedAt)}</td>
                    <td>{!c.leaseOwner ? '—' : props.gone.has(c.source) ? `interrupted: ${c.leaseOwner} is gone; the next run resumes` : `${c.leaseOwner} (until ${when(c.leaseUntil)})`}</td>
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
          <table>
            <thead>
              <tr>
                <th scope="col">Started</th><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Took</th>
                <th scope="col">Requests</th><th scope="col">New</th><th scope="col">Updated</th><th scope="col">Unchanged</th>
                <th scope="col">Skipped</th><th scope="col">Rejected</th><th scope="col">Problems</th>
              </tr>
            </thead>
            <tbody>
              {props.runs.map((r) => {
                const errors = JSON.parse(r.errors) as string[];
                return (
                  <tr>
                    <td>{when(r.started_at)}</td>
                    <td>{r.source}</td>
                    <td class={`status-${status(r)}`}>{status(r)}</td>
                    <td>{duration(r)}</td>
                    <td>{r.requests}</td>
                    <td>{r.inserted}</td>
                    <td>{r.updated}</td>
                    <td>{r.unchanged}</td>
                    <td>{r.skipped}</td>
                    <td>{r.rejected}</td>
                    <td>
                      {errors.length === 0 ? '—' : (
                        <details>
                          <summary>{errors.length}</summary>
                          <ul>{errors.slice(0, 50).map((e) => <li>{e}</li>)}</ul>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </Layout>
  );
}
