import { createSocket } from "node:dgram";
import { appendFileSync, readFileSync } from "node:fs";
import { connect as netConnect, type Socket } from "node:net";
import { hostname } from "node:os";
import { connect as tlsConnect } from "node:tls";
import type { Alert } from "../types.js";
import { alertLine, cef, ecsDocument, falcoJson, rfc5424 } from "./format.js";
import type { Sender } from "./queue.js";

export interface Sink {
  send: Sender;
  close?: () => Promise<void>;
}

const TIMEOUT_MS = 10_000;

async function post(url: string, body: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return text;
}

export function stdoutSink(write: (s: string) => void = (s) => process.stdout.write(s)): Sink {
  return { send: async (batch) => write(batch.map((a) => `${alertLine(a)}\n`).join("")) };
}

export function fileSink(path: string): Sink {
  return { send: async (batch) => appendFileSync(path, batch.map((a) => `${alertLine(a)}\n`).join("")) };
}

/** One POST per alert, Falco's JSON shape, like Falcosidekick's webhook output. */
export function webhookSink(url: string, headers: Record<string, string> = {}): Sink {
  return {
    send: async (batch) => {
      for (const alert of batch)
        await post(url, JSON.stringify(falcoJson(alert)), { "content-type": "application/json", ...headers });
    },
  };
}

const SLACK_COLORS: Record<string, string> = {
  EMERGENCY: "#e20b0b",
  ALERT: "#ff5400",
  CRITICAL: "#ff9000",
  ERROR: "#ffc700",
  WARNING: "#ffff00",
  NOTICE: "#5bffb5",
  INFORMATIONAL: "#68c2ff",
  DEBUG: "#ccfff2",
};

export function slackSink(url: string): Sink {
  return {
    send: async (batch) => {
      for (const alert of batch)
        await post(
          url,
          JSON.stringify({
            text: `[${alert.priority}] ${alert.rule}`,
            attachments: [
              {
                color: SLACK_COLORS[alert.priority],
                text: alert.output,
                fields: [
                  { title: "source", value: alert.source, short: true },
                  { title: "time", value: alert.time, short: true },
                  { title: "tags", value: alert.tags.join(", ") || "-", short: false },
                ],
                footer: alert.attribution?.author
                  ? `Sigma rule by ${alert.attribution.author} (${alert.attribution.license ?? ""})`
                  : "Mamori",
              },
            ],
          }),
          { "content-type": "application/json" },
        );
    },
  };
}

/** Splunk HTTP Event Collector: concatenated event objects in one request. */
export function splunkSink(
  url: string,
  token: string,
  options: { index?: string; sourcetype?: string },
): Sink {
  const endpoint = url.replace(/\/$/, "").endsWith("/services/collector/event")
    ? url
    : `${url.replace(/\/$/, "")}/services/collector/event`;
  return {
    send: async (batch) => {
      const body = batch
        .map((a) =>
          JSON.stringify({
            time: (Date.parse(a.time) || 0) / 1000,
            host: hostname(),
            source: "mamori",
            sourcetype: options.sourcetype ?? "mamori:alert",
            ...(options.index ? { index: options.index } : {}),
            event: falcoJson(a),
          }),
        )
        .join("\n");
      await post(endpoint, body, { authorization: `Splunk ${token}`, "content-type": "application/json" });
    },
  };
}

/** Elasticsearch/OpenSearch `_bulk` with ECS documents; item-level errors count as a failed batch. */
export function elasticsearchSink(url: string, index: string, headers: Record<string, string>): Sink {
  const endpoint = `${url.replace(/\/$/, "")}/_bulk`;
  return {
    send: async (batch) => {
      const body = `${batch
        .map((a) => `${JSON.stringify({ create: { _index: index } })}\n${JSON.stringify(ecsDocument(a))}`)
        .join("\n")}\n`;
      const text = await post(endpoint, body, { "content-type": "application/x-ndjson", ...headers });
      let parsed: { errors?: boolean; items?: unknown[] } = {};
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${endpoint}: response is not JSON`);
      }
      if (parsed.errors) throw new Error(`${endpoint}: bulk response reports item errors`);
    },
  };
}

export interface SyslogOptions {
  host: string;
  port: number;
  protocol: "udp" | "tcp" | "tls";
  format: "json" | "cef";
  facility: number;
  appName: string;
  ca?: string;
  rejectUnauthorized: boolean;
  version: string;
}

/** RFC 5424 over UDP (one datagram per message) or TCP/TLS (RFC 6587 octet counting). */
export function syslogSink(o: SyslogOptions): Sink {
  const host = hostname();
  const render = (a: Alert) =>
    rfc5424(a, {
      facility: o.facility,
      appName: o.appName,
      host,
      body: o.format === "cef" ? cef(a, o.version) : JSON.stringify(falcoJson(a)),
    });
  if (o.protocol === "udp") {
    const socket = createSocket(o.host.includes(":") ? "udp6" : "udp4");
    socket.unref();
    return {
      send: async (batch) => {
        for (const a of batch)
          await new Promise<void>((resolve, reject) =>
            socket.send(Buffer.from(render(a)), o.port, o.host, (e) => (e ? reject(e) : resolve())),
          );
      },
      close: async () => {
        socket.close();
      },
    };
  }
  let socket: Socket | undefined;
  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const s =
        o.protocol === "tls"
          ? tlsConnect({
              host: o.host,
              port: o.port,
              ca: o.ca ? readFileSync(o.ca) : undefined,
              rejectUnauthorized: o.rejectUnauthorized,
              servername: o.host,
            })
          : netConnect({ host: o.host, port: o.port });
      s.setTimeout(TIMEOUT_MS, () => s.destroy(new Error(`syslog ${o.host}:${o.port}: timeout`)));
      s.once(o.protocol === "tls" ? "secureConnect" : "connect", () => resolve(s));
      s.once("error", reject);
      s.on("close", () => {
        if (socket === s) socket = undefined;
      });
    });
  return {
    send: async (batch) => {
      socket ??= await open();
      const s = socket;
      const payload = batch
        .map((a) => {
          const msg = Buffer.from(render(a));
          return `${msg.length} ${msg.toString()}`;
        })
        .join("");
      await new Promise<void>((resolve, reject) => s.write(payload, (e) => (e ? reject(e) : resolve())));
    },
    close: async () => {
      const s = socket;
      socket = undefined;
      if (s) await new Promise<void>((resolve) => s.end(() => resolve()));
    },
  };
}

export async function natsSink(servers: string[], subject: string): Promise<Sink> {
  const { connect, StringCodec } = await import("nats");
  const codec = StringCodec();
  const nc = await connect({ servers, timeout: TIMEOUT_MS });
  return {
    send: async (batch) => {
      for (const a of batch) nc.publish(subject, codec.encode(JSON.stringify(falcoJson(a))));
      await nc.flush();
    },
    close: async () => {
      await nc.drain();
    },
  };
}
