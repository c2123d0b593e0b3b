/**
 * At most one run in flight; requests that arrive meanwhile collapse into a
 * single follow-up run with the newest key. No timers: a burst of keystrokes
 * costs one request for the text at the start of the burst and one for the
 * newest text once that answer is in.
 */
export class Coalescer<K> {
  private running = false;
  private next: { key: K; done: Promise<void>; resolve: () => void } | undefined;

  constructor(
    private readonly run: (key: K) => Promise<void>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Resolves once a run that started after this call has finished (with this key or a newer one). */
  request(key: K): Promise<void> {
    if (this.next) {
      this.next.key = key;
      return this.next.done;
    }
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.next = { key, done, resolve };
    if (!this.running) void this.drain();
    return done;
  }

  get busy(): boolean {
    return this.running;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.next) {
        const job = this.next;
        this.next = undefined;
        try {
          await this.run(job.key);
        } catch (e) {
          this.onError(e);
        } finally {
          job.resolve();
        }
      }
    } finally {
      this.running = false;
    }
  }
}
