import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Alert } from "../types.js";
import { DEFAULT_QUEUE, type OutputCounters, parseFilter, QueuedOutput, type QueueOptions } from "./queue.js";
import {
  elasticsearchSink,
  fileSink,
  natsSink,
  type Sink,
  slackSink,
  splunkSink,
  stdoutSink,
  syslogSink,
  webhookSink,
} from "./sinks.js";

export const OUTPUT_TYPES = [
  "stdout",
  "file",
  "webhook",
  "slack",
  "splunk",
  "elasticsearch",
  "syslog",
  "nats",
] as const;

export class OutputConfigError extends Error {}

/** Every configured output; `publish` never blocks, `close` drains them all. */
export class OutputRouter {
  constructor(readonly outputs: QueuedOutput[]) {}

  publish(alert: Alert): void {
    for (const output of this.outputs) output.publish(alert);
  }

  async flush(): Promise<void> {
    await Promise.all(this.outputs.map((o) => o.flush()));
  }

  async close(): Promise<void> {
    await Promise.all(this.outputs.map((o) => o.close()));
  }

  stats(): { name: string; type: string; counters: OutputCounters; lastError?: string }[] {
    return this.outputs.map((o) => ({
      name: o.name,
      type: o.type,
      counters: { ...o.counters },
      lastError: o.lastError,
    }));
  }
}

const str = (
  raw: Record<string, unknown>,
  key: string,
  where: string,
  required = true,
): string | undefined => {
  const v = raw[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== "string" || v === "")
    throw new OutputConfigError(`${where}: '${key}' must be a non-empty string`);
  return v;
};
const num = (raw: Record<string, unknown>, key: string, fallback: number, where: string): number => {
  const v = raw[key];
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw new OutputConfigError(`${where}: '${key}' must be a non-negative number`);
  return v;
};
const headers = (raw: Record<string, unknown>, where: string): Record<string, string> => {
  const h = raw.headers ?? {};
  if (
    typeof h !== "object" ||
    h === null ||
    Array.isArray(h) ||
    !Object.values(h).every((v) => typeof v === "string")
  )
    throw new OutputConfigError(`${where}: 'headers' must be a map of strings`);
  return h as Record<string, string>;
};

/** `${ENV}` in config strings, so tokens need not sit in the file. */
function expandEnv(value: unknown): unknown {
  if (typeof value === "string")
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => process.env[name] ?? "");
  if (Array.isArray(value)) return value.map(expandEnv);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v)]));
  return value;
}

export async function buildOutput(
  rawIn: Record<string, unknown>,
  index: number,
  version: string,
): Promise<QueuedOutput> {
  const raw = expandEnv(rawIn) as Record<string, unknown>;
  const type = raw.type;
  const where = `outputs[${index}]`;
  if (typeof type !== "string" || !(OUTPUT_TYPES as readonly string[]).includes(type))
    throw new OutputConfigError(`${where}: 'type' must be one of ${OUTPUT_TYPES.join(", ")}`);
  const name = typeof raw.name === "string" ? raw.name : `${type}#${index}`;
  let filter: ReturnType<typeof parseFilter>;
  try {
    filter = parseFilter(raw, where);
  } catch (error) {
    throw new OutputConfigError((error as Error).message);
  }
  const queue: QueueOptions = {
    batchSize: Math.max(1, num(raw, "batchSize", DEFAULT_QUEUE.batchSize, where)),
    flushMs: num(raw, "flushMs", DEFAULT_QUEUE.flushMs, where),
    maxQueue: Math.max(1, num(raw, "maxQueue", DEFAULT_QUEUE.maxQueue, where)),
    retries: num(raw, "retries", DEFAULT_QUEUE.retries, where),
    backoffMs: num(raw, "backoffMs", DEFAULT_QUEUE.backoffMs, where),
  };
  let sink: Sink;
  switch (type) {
    case "stdout":
      sink = stdoutSink();
      break;
    case "file":
      sink = fileSink(str(raw, "path", where) as string);
      break;
    case "webhook":
      sink = webhookSink(str(raw, "url", where) as string, headers(raw, where));
      break;
    case "slack":
      sink = slackSink(str(raw, "url", where) as string);
      break;
    case "splunk":
      sink = splunkSink(str(raw, "url", where) as string, str(raw, "token", where) as string, {
        index: str(raw, "index", where, false),
        sourcetype: str(raw, "sourcetype", where, false),
      });
      break;
    case "elasticsearch":
      sink = elasticsearchSink(
        str(raw, "url", where) as string,
        str(raw, "index", where, false) ?? "mamori-alerts",
        headers(raw, where),
      );
      break;
    case "syslog": {
      const protocol = raw.protocol ?? "udp";
      if (protocol !== "udp" && protocol !== "tcp" && protocol !== "tls")
        throw new OutputConfigError(`${where}: 'protocol' must be udp, tcp or tls`);
      const format = raw.format ?? "json";
      if (format !== "json" && format !== "cef")
        throw new OutputConfigError(`${where}: 'format' must be json or cef`);
      const port = num(raw, "port", 514, where);
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new OutputConfigError(`${where}: 'port' must be 1-65535`);
      sink = syslogSink({
        host: str(raw, "host", where, false) ?? "127.0.0.1",
        port,
        protocol,
        format,
        facility: num(raw, "facility", 16, where),
        appName: str(raw, "appName", where, false) ?? "mamori",
        ca: str(raw, "ca", where, false),
        rejectUnauthorized: raw.insecureSkipVerify !== true,
        version,
      });
      break;
    }
    case "nats": {
      const servers = raw.servers ?? ["nats://127.0.0.1:4222"];
      if (!Array.isArray(servers) || !servers.every((s) => typeof s === "string"))
        throw new OutputConfigError(`${where}: 'servers' must be a list of strings`);
      try {
        sink = await natsSink(servers, str(raw, "subject", where) as string);
      } catch (error) {
        throw new OutputConfigError(`${where}: cannot connect to NATS: ${(error as Error).message}`);
      }
      break;
    }
    default:
      throw new OutputConfigError(`${where}: unknown type ${type}`);
  }
  return new QueuedOutput(name, type, sink.send, filter, queue, sink.close);
}

/** Reads `outputs:` from a YAML/JSON file and connects every output. */
export async function loadOutputConfig(path: string, version: string): Promise<OutputRouter> {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"), { maxAliasCount: 10 });
  } catch (error) {
    throw new OutputConfigError(`${path}: ${(error as Error).message.split("\n")[0]}`);
  }
  const outputs = (doc as { outputs?: unknown } | null)?.outputs;
  if (!Array.isArray(outputs)) throw new OutputConfigError(`${path}: expected a top-level 'outputs:' list`);
  const built: QueuedOutput[] = [];
  try {
    for (const [i, raw] of outputs.entries()) {
      if (!raw || typeof raw !== "object") throw new OutputConfigError(`outputs[${i}]: must be a map`);
      built.push(await buildOutput(raw as Record<string, unknown>, i, version));
    }
  } catch (error) {
    await Promise.all(built.map((o) => o.close()));
    throw error instanceof OutputConfigError ? new OutputConfigError(`${path}: ${error.message}`) : error;
  }
  return new OutputRouter(built);
}
