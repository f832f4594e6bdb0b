import { type Alert, type Priority, parsePriority, priorityRank } from "../types.js";

export interface OutputFilter {
  minPriority?: Priority;
  tags?: string[];
  rules?: string[];
  sources?: string[];
}

export interface QueueOptions {
  batchSize: number;
  flushMs: number;
  maxQueue: number;
  retries: number;
  backoffMs: number;
}

export const DEFAULT_QUEUE: QueueOptions = {
  batchSize: 100,
  flushMs: 1000,
  maxQueue: 10_000,
  retries: 3,
  backoffMs: 200,
};

/** Delivers one batch; throws on a failure worth retrying. */
export type Sender = (batch: Alert[]) => Promise<void>;

export interface OutputCounters {
  sent: number;
  failed: number;
  dropped: number;
  filtered: number;
  retries: number;
}

export function matchesFilter(alert: Alert, filter: OutputFilter): boolean {
  if (filter.minPriority && priorityRank(alert.priority) > priorityRank(filter.minPriority)) return false;
  if (filter.tags?.length && !alert.tags.some((t) => filter.tags?.includes(t))) return false;
  if (filter.rules?.length && !filter.rules.includes(alert.rule)) return false;
  if (filter.sources?.length && !filter.sources.includes(alert.source)) return false;
  return true;
}

export function parseFilter(raw: Record<string, unknown>, where: string): OutputFilter {
  const list = (key: string) => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
      throw new Error(`${where}: '${key}' must be a list of strings`);
    return v as string[];
  };
  let minPriority: Priority | undefined;
  if (raw.minPriority !== undefined) {
    minPriority = typeof raw.minPriority === "string" ? parsePriority(raw.minPriority) : undefined;
    if (!minPriority) throw new Error(`${where}: invalid minPriority ${JSON.stringify(raw.minPriority)}`);
  }
  return { minPriority, tags: list("tags"), rules: list("rules"), sources: list("sources") };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A bounded queue in front of one output: filters, batches, retries with exponential backoff,
 * and drops (counted) when full, so a slow SIEM never stalls detection or grows memory.
 */
export class QueuedOutput {
  readonly counters: OutputCounters = { sent: 0, failed: 0, dropped: 0, filtered: 0, retries: 0 };
  private queue: Alert[] = [];
  private inflight: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly name: string,
    readonly type: string,
    private readonly sender: Sender,
    private readonly filter: OutputFilter,
    private readonly options: QueueOptions,
    private readonly onClose?: () => Promise<void>,
  ) {}

  publish(alert: Alert): void {
    if (this.closed) return;
    if (!matchesFilter(alert, this.filter)) {
      this.counters.filtered++;
      return;
    }
    if (this.queue.length >= this.options.maxQueue) {
      this.counters.dropped++;
      return;
    }
    this.queue.push(alert);
    if (this.queue.length >= this.options.batchSize) this.kick();
    else if (!this.timer && this.options.flushMs > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.kick();
      }, this.options.flushMs);
      this.timer.unref();
    }
  }

  private kick(): void {
    if (!this.inflight) this.inflight = this.drain().finally(() => (this.inflight = undefined));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.batchSize);
      await this.deliver(batch);
    }
  }

  private async deliver(batch: Alert[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.sender(batch);
        this.counters.sent += batch.length;
        return;
      } catch (error) {
        if (attempt >= this.options.retries) {
          this.counters.failed += batch.length;
          this.lastError = (error as Error).message;
          return;
        }
        this.counters.retries++;
        await sleep(this.options.backoffMs * 2 ** attempt);
      }
    }
  }

  lastError: string | undefined;

  /** Sends everything queued now. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.inflight || this.queue.length > 0) {
      this.kick();
      await this.inflight;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.onClose?.();
  }
}
