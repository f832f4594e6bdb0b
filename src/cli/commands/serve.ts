import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { loadOutputConfig, OutputConfigError, type OutputRouter } from "../../detect/outputs/index.js";
import { AccountConfigError, type CloudAccount, readAccounts } from "../../server/accounts.js";
import { buildServer } from "../../server/app.js";
import { loadDemo } from "../../server/demo.js";
import { loadDetection } from "../../server/detection-engine.js";
import { ensureAdminToken } from "../../server/tokens.js";
import { openStore } from "../../store/index.js";
import { addStoreOptions, openConfiguredStore, TOOL } from "../context.js";
import { UsageError } from "../errors.js";

interface ServeOptions {
  host: string;
  port: string;
  tlsCert?: string;
  tlsKey?: string;
  dataDir?: string;
  demo?: boolean;
  logLevel: string;
  rules?: string[];
  detection: boolean;
  accounts?: string;
  outputConfig?: string;
}

function readPem(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(
      `${flag} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

export function serveCommand(): Command {
  const command = new Command("serve")
    .summary("run the API, the dashboard, ingest endpoints and /metrics")
    .description(
      "Serve the REST API (OpenAPI at /openapi.json, docs at /docs), the dashboard, the ingest endpoints and\n" +
        "Prometheus /metrics on the store. The first start creates an admin token and prints it once.\n" +
        "--demo loads the bundled demo environment into a fresh temporary store.",
    )
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (0 picks a free one)", "8080")
    .option("--tls-cert <file>", "TLS certificate (PEM); serve HTTPS with --tls-key")
    .option("--tls-key <file>", "TLS private key (PEM)")
    .option(
      "--demo",
      "load the demo environment into a fresh temporary store (DATABASE_URL and --data-dir are ignored)",
    )
    .option("--log-level <level>", "fatal, error, warn, info, debug", "info")
    .option(
      "--rules <path...>",
      "Falco rule files or folders for ingested events (default: the built-in rules)",
    )
    .option("--no-detection", "do not evaluate ingested events (they are counted and dropped)")
    .option("--accounts <file>", "YAML/JSON file of the cloud accounts the scan API may scan (accounts:)")
    .option(
      "--output-config <file>",
      "YAML file with an 'outputs:' list (as `mamori detect`): ingested alerts are forwarded there",
    );
  addStoreOptions(command);
  return command.action(async (options: ServeOptions) => {
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new UsageError(`--port ${options.port}: expected a whole number from 0 to 65535`);
    if (!["fatal", "error", "warn", "info", "debug"].includes(options.logLevel))
      throw new UsageError(`--log-level ${options.logLevel}: expected fatal, error, warn, info or debug`);
    if (Boolean(options.tlsCert) !== Boolean(options.tlsKey))
      throw new UsageError("--tls-cert and --tls-key go together");
    const https =
      options.tlsCert && options.tlsKey
        ? { cert: readPem(options.tlsCert, "--tls-cert"), key: readPem(options.tlsKey, "--tls-key") }
        : undefined;

    let accounts: CloudAccount[] | undefined;
    try {
      accounts = options.accounts ? readAccounts(options.accounts) : undefined;
    } catch (error) {
      if (error instanceof AccountConfigError) throw new UsageError(error.message);
      throw error;
    }

    const demoDir = options.demo ? await mkdtemp(join(tmpdir(), "mamori-demo-")) : undefined;
    const store = demoDir ? await openStore({ dataDir: demoDir }) : await openConfiguredStore(options);
    const say = (line: string) => process.stderr.write(`${line}\n`);
    let app: Awaited<ReturnType<typeof buildServer>> | undefined;

    // Signals are handled from here on, before anything is printed: whoever reads the banner
    // may stop the server at once, and a signal during start-up must still clean up.
    let started = false;
    let stopRequested: string | undefined;
    let finished: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      finished = resolve;
    });
    let stopping = false;
    const stop = async (signal: string) => {
      if (!started) {
        stopRequested = signal;
        return;
      }
      if (stopping) return;
      stopping = true;
      app?.log.info({ signal }, "shutting down: no new requests, finishing those in flight");
      try {
        await app?.close();
        await app?.mamori.jobs.stop();
      } finally {
        await store.close().catch(() => undefined);
        if (demoDir) await rm(demoDir, { recursive: true, force: true });
        // The handlers stay: a second signal during the exit must not kill the process half-way.
        finished();
      }
    };
    process.on("SIGINT", () => void stop("SIGINT"));
    process.on("SIGTERM", () => void stop("SIGTERM"));

    let outputs: OutputRouter | undefined;
    try {
      const adminToken = await ensureAdminToken(store.db);
      if (options.outputConfig) {
        try {
          outputs = await loadOutputConfig(options.outputConfig, TOOL.version);
        } catch (error) {
          if (error instanceof OutputConfigError) throw new UsageError(error.message);
          throw error;
        }
        say(`Outputs: ingested alerts are forwarded to ${outputs.outputs.map((o) => o.name).join(", ")}`);
      }
      const detection = options.detection ? loadDetection(options.rules) : undefined;
      if (detection) {
        say(`Detection: ${detection.rules} rules loaded for ingested events`);
        for (const error of detection.errors.slice(0, 5)) say(`rules: ${error}`);
      }
      app = await buildServer({
        store,
        ...(detection ? { detection: detection.engine } : {}),
        ...(accounts ? { accounts } : {}),
        ...(outputs ? { outputs } : {}),
        logger: { level: options.logLevel },
        tool: TOOL,
        ...(https ? { https } : {}),
      });
      if (demoDir) {
        if (!adminToken) throw new Error("the demo store is not fresh");
        const began = performance.now();
        const load = await loadDemo(store, app, adminToken);
        say(
          `Demo loaded in ${Math.round(performance.now() - began)} ms: ${load.scans} scans, ${load.resources} resources, ${load.failing} failing findings, ${load.alerts} alerts, ${load.vulnerabilities} vulnerabilities (data in ${demoDir}, removed on exit)`,
        );
      }
      const address = await app.listen({ host: options.host, port });
      const url = address.replace("[::1]", "localhost");
      started = true;
      say(`Mamori ${TOOL.version} is serving ${url} on ${store.location}`);
      if (adminToken) say(`Admin token (shown once, keep it safe): ${adminToken}`);
      say(`Dashboard: ${url}/   API docs: ${url}/docs   Metrics: ${url}/metrics`);
    } catch (error) {
      if (!app) await outputs?.close().catch(() => undefined);
      await app?.close().catch(() => undefined);
      await store.close().catch(() => undefined);
      if (demoDir) await rm(demoDir, { recursive: true, force: true });
      throw error;
    }
    if (stopRequested) void stop(stopRequested);
    await done;
  });
}
