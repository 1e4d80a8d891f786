/**
 * Who runs an ingestion: "host:pid" (the scheduler inside `serve` adds ":scheduler"), written as
 * the lease owner of the source it runs. A lease whose owner is a process of this host that no
 * longer exists (killed, Ctrl-C) can be taken over at once, and shows as interrupted, not running.
 */
import { hostname } from 'node:os';

/** The lease owner name of this process. */
export function processOwner(role?: string): string {
  return `${hostname()}:${process.pid}${role ? `:${role}` : ''}`;
}

/** True when an owner "host:pid" names a process of this host that no longer exists. */
export function deadOnThisHost(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
