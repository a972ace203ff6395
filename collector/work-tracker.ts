/** Work started in the background (test transmissions) that stop() must wait for. */
export class WorkTracker {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.finally(() => this.running.delete(work)).catch(() => undefined);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  settled(): Promise<unknown> {
    return Promise.allSettled([...this.running]);
  }
}
