// A small cache for the few facts the collector routes read on every request
// (tokens, settings, waiting commands): each key is loaded at most once per TTL,
// and callers asking while it loads share that load.

interface Entry<V> {
  value: V;
  until: number;
}

export class TtlCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private readonly loading = new Map<K, Promise<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 100_000,
    // Monotonic, and not the Date.now that Next.js wraps to watch renders: a cache's age is not the time of day.
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get(key: K, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && entry.until > this.clock()) return Promise.resolve(entry.value);
    return this.loadOnce(key, load);
  }

  clear(): void {
    this.entries.clear();
  }

  private loadOnce(key: K, load: () => Promise<V>): Promise<V> {
    const pending = this.loading.get(key);
    if (pending) return pending;
    const promise = load().then(
      (value) => {
        if (this.entries.size >= this.maxEntries) this.entries.clear();
        this.entries.set(key, { value, until: this.clock() + this.ttlMs });
        this.loading.delete(key);
        return value;
      },
      (error: unknown) => {
        this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, promise);
    return promise;
  }
}
