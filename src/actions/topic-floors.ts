/**
 * Each digest topic's best score over the whole corpus, the floor of what counts as "new on" it
 * (digest-period-index.ts), kept between the digest runs of one process. `serve` looks for due
 * digests every few minutes and each subscriber's hour brings a new run, so without it a topic
 * followed in many time zones would run its whole-corpus search once per run; with it, once every
 * few hours. A floor a little old errs only slightly: the period's own best hit still raises it.
 */

/** How long a floor is used before its topic is searched over the corpus again. */
export const FLOOR_TTL_MS = 6 * 3_600_000;
/** Most topics kept (the oldest go first). */
export const FLOOR_MAX_TOPICS = 100_000;

export class TopicFloors {
  readonly #floors = new Map<string, { score: number; at: number }>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(opts: { ttlMs?: number; max?: number; now?: () => number } = {}) {
    this.#ttlMs = opts.ttlMs ?? FLOOR_TTL_MS;
    this.#max = opts.max ?? FLOOR_MAX_TOPICS;
    this.#now = opts.now ?? Date.now;
  }

  /** A topic's best score over the corpus while fresh, else undefined. */
  get(topic: string): number | undefined {
    const hit = this.#floors.get(topic);
    if (!hit) return undefined;
    if (this.#now() - hit.at > this.#ttlMs) {
      this.#floors.delete(topic);
      return undefined;
    }
    return hit.score;
  }

  set(topic: string, score: number): void {
    this.#floors.delete(topic);
    if (this.#floors.size >= this.#max) this.#floors.delete(this.#floors.keys().next().value as string);
    this.#floors.set(topic, { score, at: this.#now() });
  }

  get size(): number {
    return this.#floors.size;
  }
}
