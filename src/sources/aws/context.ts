import type { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { Resource } from "../../model/index.js";
import type { ResourceItem } from "../../scan/posture.js";
import { type ErrorMarker, errorMarker } from "./errors.js";
import { Limiter } from "./limit.js";

/** Settings shared by every client of one account's scan. */
export interface AwsClientSettings {
  credentials: ReturnType<typeof fromNodeProviderChain>;
  /** For moto or LocalStack: every service is reached at this URL. */
  endpoint?: string;
  maxAttempts?: number;
}

/** What the SDK client constructors accept, as far as Mamori sets it. */
type ClientConfig = Record<string, unknown>;
type Handler = (args: unknown) => Promise<unknown>;
interface CountableClient {
  middlewareStack: { add(middleware: (next: Handler) => Handler, options: Record<string, unknown>): void };
  destroy(): void;
}

/**
 * One account's scan: its clients (one per service and region, created on
 * first use), the per-service-and-region concurrency limits, and the count of
 * API calls made (the benchmark reports it).
 */
export class AwsContext {
  readonly #clients = new Map<string, CountableClient>();
  readonly #limiters = new Map<string, Limiter>();
  readonly collectedAt: string;
  calls = 0;

  constructor(
    readonly settings: AwsClientSettings,
    readonly accountId: string,
    readonly regions: readonly string[],
    /** Calls in flight per service and region. */
    readonly concurrency = 8,
    readonly partition = "aws",
    /** Where global services (IAM, S3 listing, Organizations) are called. */
    readonly homeRegion = "us-east-1",
    now: Date = new Date(),
  ) {
    this.collectedAt = now.toISOString();
  }

  /** The client of `Client` for `region`, shared by every caller. */
  client<C>(Client: new (config: never) => C, region: string, extra: ClientConfig = {}): C {
    const key = `${Client.name}:${region}:${JSON.stringify(extra)}`;
    let client = this.#clients.get(key);
    if (!client) {
      const config: ClientConfig = {
        region,
        credentials: this.settings.credentials,
        // Adaptive retry backs off on throttling with a client-side rate limiter.
        retryMode: "adaptive",
        maxAttempts: this.settings.maxAttempts ?? 6,
        // A call that hangs (a dead connection, a stuck endpoint) times out and is retried instead of
        // holding the scan forever; the SDK's default is to wait indefinitely.
        requestHandler: { requestTimeout: 30_000, connectionTimeout: 10_000 },
        ...extra,
      };
      if (this.settings.endpoint) config.endpoint = this.settings.endpoint;
      client = new (Client as unknown as new (config: ClientConfig) => CountableClient)(config);
      client.middlewareStack.add(
        (next) => async (args) => {
          this.calls++;
          return next(args);
        },
        { step: "initialize", name: "mamoriCallCounter" },
      );
      this.#clients.set(key, client);
    }
    return client as unknown as C;
  }

  /** The limiter of one service in one region. */
  limiter(service: string, region: string): Limiter {
    const key = `${service}:${region}`;
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new Limiter(this.concurrency);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  arn(service: string, region: string, resource: string, account: string = this.accountId): string {
    return `arn:${this.partition}:${service}:${region}:${account}:${resource}`;
  }

  /** A canonical live resource of this account. */
  resource(input: {
    type: string;
    id: string;
    name: string;
    region?: string;
    source: string;
    properties: Record<string, unknown>;
    tags?: Record<string, string>;
  }): Resource {
    const resource: Resource = {
      type: input.type,
      id: input.id,
      provider: "aws",
      account: this.accountId,
      name: input.name,
      tags: input.tags ?? {},
      properties: input.properties,
      provenance: { kind: "live", source: `aws/${input.source}`, collectedAt: this.collectedAt },
    };
    if (input.region !== undefined) resource.region = input.region;
    return resource;
  }

  /**
   * When a whole listing fails: one marker resource standing for every
   * resource of `type` in the scope, so each check of the type reports
   * `error` there instead of passing by having nothing to look at.
   */
  collectionFailed(input: {
    type: string;
    idPrefix: string;
    region?: string;
    source: string;
    operation: string;
    error: unknown;
  }): ResourceItem[] {
    const marker: ErrorMarker = errorMarker(input.operation, input.error);
    return [
      {
        resource: this.resource({
          type: input.type,
          id: `${input.idPrefix}*`,
          name: `(every ${input.type} in ${input.region ?? "the account"})`,
          region: input.region,
          source: input.source,
          properties: { $collection: marker },
        }),
      },
      {
        error: {
          source: `aws/${input.source}${input.region ? ` ${input.region}` : ""}`,
          message: marker.reason,
        },
      },
    ];
  }

  destroy(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#clients.clear();
  }
}

/** A service module: collects the canonical resources of one AWS service. */
export interface AwsService {
  /** Short name, also the provenance source: "s3", "iam", "ec2", … */
  name: string;
  /** Global services are collected once per account (in the home region); regional ones once per region. */
  scope: "global" | "regional";
  collect(context: AwsContext, region: string): AsyncIterable<ResourceItem>;
}

/** Tags from the SDK's `[{Key, Value}]` lists. */
export function tagMap(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? "";
  return out;
}

export const iso = (date: Date | undefined | null): string | null => (date ? date.toISOString() : null);

/** Parses a policy document that IAM returns URL-encoded, or any JSON policy string. */
export function parsePolicy(text: string | undefined | null): unknown {
  if (!text) return null;
  let raw = text;
  if (raw.trimStart().startsWith("%")) raw = decodeURIComponent(raw);
  try {
    return JSON.parse(raw);
  } catch {
    try {
      return JSON.parse(decodeURIComponent(raw));
    } catch {
      return { $unknown: true, reason: "the policy document is not valid JSON" };
    }
  }
}
