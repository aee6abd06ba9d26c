/** libuv's thread pool size: UV_THREADPOOL_SIZE, default 4. */
function threadPoolSize(): number {
  const configured = Number(process.env.UV_THREADPOOL_SIZE);
  return Number.isInteger(configured) && configured > 0 ? configured : 4;
}

/** A place in the queue for a slot; `abandon` leaves the queue (or frees the slot once granted). */
export interface SlotRequest {
  /** Resolves true once the slot is granted, false if the request was abandoned first. */
  readonly granted: Promise<boolean>;
  release(): void;
}

/**
 * A first-come, first-served limit on how many status-change waits may occupy libuv's thread pool at
 * once: a wait holds a pool thread for its whole slice, and the pool is shared by every file, DNS and
 * crypto call of the process (and by this driver's own transmits).
 */
export class PoolSlots {
  private busy = 0;
  private readonly queue: Array<(granted: boolean) => void> = [];

  constructor(private readonly limit: number) {}

  request(): SlotRequest {
    let state: 'queued' | 'granted' | 'done' = 'queued';
    let grant: (granted: boolean) => void = () => undefined;
    const granted = new Promise<boolean>((resolve) => {
      grant = (value) => {
        state = value ? 'granted' : 'done';
        resolve(value);
      };
    });
    if (this.busy < this.limit) {
      this.busy++;
      grant(true);
    } else {
      this.queue.push(grant);
    }
    return {
      granted,
      release: () => {
        if (state === 'granted') {
          state = 'done';
          this.handOver();
        } else if (state === 'queued') {
          const index = this.queue.indexOf(grant);
          if (index >= 0) this.queue.splice(index, 1);
          grant(false);
        }
      },
    };
  }

  private handOver(): void {
    const next = this.queue.shift();
    if (next) next(true);
    else this.busy--;
  }
}

/** Half the pool, at least one: the other half stays free for transmits and the rest of the process. */
export const STATUS_WAIT_SLOTS = new PoolSlots(Math.max(1, Math.floor(threadPoolSize() / 2)));
