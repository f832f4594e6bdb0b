/**
 * A local HTTPS server on 127.0.0.1 for running the real Azure SDK pipeline in
 * tests (the bearer-token policy refuses plain HTTP). The certificate is made
 * with `openssl` at test time and trusted through one extra pipeline policy.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PipelinePolicy } from "@azure/core-rest-pipeline";

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface LocalHttps {
  endpoint: string;
  /** Pipeline policy that makes the SDK trust the server's certificate. */
  trust: PipelinePolicy;
  /** The server's certificate (PEM), for a child process to trust through NODE_EXTRA_CA_CERTS. */
  certificate: string;
  close(): void;
}

export type Handler = (request: {
  method: string;
  url: URL;
  body: string;
  authorization: string | undefined;
}) => Reply;

/** The bearer token the test servers expect. */
export const TEST_TOKEN = "test-token";

/** A credential that hands out a fixed token (the server checks it arrives as a bearer token). */
export const testCredential = {
  getToken: async () => ({ token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

export async function startHttps(handler: Handler): Promise<LocalHttps> {
  const dir = mkdtempSync(join(tmpdir(), "mamori-azure-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  const cert = readFileSync(join(dir, "cert.pem"));
  const key = readFileSync(join(dir, "key.pem"));
  rmSync(dir, { recursive: true, force: true });
  const agent = new Agent({ ca: cert });
  const server: Server = createServer({ key, cert }, (req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const reply = handler({
        method: req.method ?? "GET",
        url: new URL(req.url ?? "/", `https://${req.headers.host ?? "127.0.0.1"}`),
        body,
        authorization: req.headers.authorization,
      });
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    certificate: cert.toString("utf8"),
    trust: {
      name: "trust-local-certificate",
      sendRequest(request, next) {
        request.agent = agent;
        return next(request);
      },
    },
    close() {
      server.close();
      agent.destroy();
    },
  };
}

/** An ARM error body, as the REST reference documents it. */
export function armError(status: number, code: string, message: string): Reply {
  return { status, body: { error: { code, message } } };
}
