import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makeTar, ociLayoutFiles } from "./build.test-helpers.js";
import { ImageError, RegistryError, readImage } from "./index.js";
import { parseImageReference } from "./registry.js";

/**
 * A small OCI distribution registry over a blob store built in the test: GET manifests by
 * tag or digest, GET blobs (with a same-origin redirect, as S3-backed registries do), and
 * three auth modes: none, Bearer tokens from a token endpoint, and Basic.
 */
interface RegistryState {
  mode: "anonymous" | "bearer" | "bearer-anonymous" | "basic";
  blobs: Map<string, Buffer>;
  tags: Map<string, string>;
  tamper?: string;
  requests: string[];
}

const USER = "ci";
const PASS = "s3cret-pass";
const TOKEN = "token-abc";

function handler(state: RegistryState, origin: () => string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin());
    state.requests.push(`${req.method} ${url.pathname}`);
    const auth = req.headers.authorization;
    if (url.pathname === "/token") {
      // Public repositories (Docker Hub's flow): a token for anyone who asks, without credentials.
      if (state.mode === "bearer-anonymous" && auth === undefined) {
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ access_token: TOKEN }));
        return;
      }
      if (auth !== `Basic ${Buffer.from(`${USER}:${PASS}`).toString("base64")}`) {
        res.writeHead(401).end();
        return;
      }
      assert.equal(url.searchParams.get("scope"), "repository:team/app:pull");
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token: TOKEN }));
      return;
    }
    if ((state.mode === "bearer" || state.mode === "bearer-anonymous") && auth !== `Bearer ${TOKEN}`) {
      res
        .writeHead(401, {
          "www-authenticate": `Bearer realm="${origin()}/token",service="test-registry",scope="repository:team/app:pull"`,
        })
        .end();
      return;
    }
    if (state.mode === "basic" && auth !== `Basic ${Buffer.from(`${USER}:${PASS}`).toString("base64")}`) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="test"' }).end();
      return;
    }
    const m = /^\/v2\/team\/app\/(manifests|blobs|storage)\/(.+)$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const [, kind, ref] = m as unknown as [string, string, string];
    if (kind === "blobs") {
      // Blobs are served from "storage", as registries redirect to their object store.
      res.writeHead(307, { location: `/v2/team/app/storage/${ref}` }).end();
      return;
    }
    const digest = kind === "manifests" && !ref.startsWith("sha256:") ? state.tags.get(ref) : ref;
    let body = digest ? state.blobs.get(digest) : undefined;
    if (!body || !digest) {
      res.writeHead(404).end();
      return;
    }
    const mediaType =
      kind === "manifests" ? (JSON.parse(body.toString()) as { mediaType?: string }).mediaType : undefined;
    if (state.tamper === digest)
      body = Buffer.concat([
        body.subarray(0, body.length - 1),
        Buffer.from([(body[body.length - 1] as number) ^ 1]),
      ]);
    const headers: Record<string, string> = { "content-length": String(body.length) };
    if (kind === "manifests") {
      headers["content-type"] = mediaType ?? "application/vnd.oci.image.manifest.v1+json";
      headers["docker-content-digest"] = digest;
    }
    res.writeHead(200, headers).end(body);
  };
}

let server: Server;
let host: string;
let dir: string;
const state: RegistryState = { mode: "anonymous", blobs: new Map(), tags: new Map(), requests: [] };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "mamori-registry-"));
  const layer = await makeTar([
    { name: "etc/alpine-release", content: "3.19.1\n" },
    {
      name: "lib/apk/db/installed",
      content:
        "P:libcrypto3\nV:3.1.4-r5\nA:x86_64\no:openssl\n\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\no:musl\n",
    },
  ]);
  const files = ociLayoutFiles({ layers: [layer], compress: "gzip" }, ["linux/amd64", "linux/arm64"]);
  for (const [name, data] of files)
    if (name.startsWith("blobs/sha256/")) state.blobs.set(`sha256:${name.slice(13)}`, data);
  const index = JSON.parse((files.get("index.json") as Buffer).toString()) as {
    manifests: { digest: string }[];
  };
  state.tags.set("3.19", (index.manifests[0] as { digest: string }).digest);
  server = createServer(handler(state, () => `http://${host}`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("registry pull over the OCI distribution API", () => {
  it("pulls anonymously, resolving the multi-platform index", async () => {
    state.mode = "anonymous";
    const image = await readImage(`${host}/team/app:3.19`);
    assert.equal(image.kind, "registry");
    assert.deepEqual(image.repoTags, [`${host}/team/app:3.19`]);
    assert.deepEqual(
      image.packages.map((p) => [p.purl, p.ecosystem, p.sourceName]),
      [
        [
          "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl",
          "Alpine:v3.19",
          "openssl",
        ],
        ["pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1", "Alpine:v3.19", "musl"],
      ],
    );
    const arm = await readImage(`registry:${host}/team/app:3.19`, { platform: "linux/arm64" });
    assert.equal(arm.packages.length, 0);
  });

  it("gets a bearer token with credentials from a docker config.json", async () => {
    state.mode = "bearer";
    state.requests = [];
    const config = join(dir, "config.json");
    await writeFile(
      config,
      JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${USER}:${PASS}`).toString("base64") } } }),
    );
    const image = await readImage(`${host}/team/app:3.19`, { dockerConfig: config });
    assert.equal(image.packages.length, 2);
    assert.ok(state.requests.includes("GET /token"));
    await assert.rejects(
      readImage(`${host}/team/app:3.19`, { dockerConfig: join(dir, "missing.json") }),
      (e: Error) => e instanceof RegistryError && /token request to .*\/token: HTTP 401/.test(e.message),
    );
  });

  it("gets an anonymous bearer token for a public repository", async () => {
    state.mode = "bearer-anonymous";
    const image = await readImage(`${host}/team/app:3.19`, { dockerConfig: join(dir, "missing.json") });
    assert.equal(image.packages.length, 2);
  });

  it("uses basic auth when the registry asks for it", async () => {
    state.mode = "basic";
    const image = await readImage(`${host}/team/app:3.19`, { auth: { username: USER, password: PASS } });
    assert.equal(image.packages.length, 2);
    await assert.rejects(
      readImage(`${host}/team/app:3.19`, { dockerConfig: join(dir, "missing.json") }),
      /HTTP 401 unauthorized \(no credentials found for this registry\)/,
    );
  });

  it("verifies digests of manifests and layers", async () => {
    state.mode = "anonymous";
    const indexDigest = state.tags.get("3.19") as string;
    const byDigest = await readImage(`${host}/team/app@${indexDigest}`);
    assert.equal(byDigest.packages.length, 2);
    // Tamper with the gzip layer blob: the pull fails on its digest.
    const layerDigest = byDigest.layers[0]?.digest as string;
    state.tamper = layerDigest;
    await assert.rejects(
      readImage(`${host}/team/app:3.19`),
      (e: Error) => e instanceof ImageError && /digest mismatch|decompression|tar/.test(e.message),
    );
    state.tamper = indexDigest;
    await assert.rejects(readImage(`${host}/team/app@${indexDigest}`), /manifest digest mismatch/);
    state.tamper = undefined;
  });

  it("reports a missing tag with the URL and status", async () => {
    state.mode = "anonymous";
    await assert.rejects(readImage(`${host}/team/app:nope`), /\/v2\/team\/app\/manifests\/nope: HTTP 404/);
  });
});

describe("parseImageReference", () => {
  it("follows Docker's naming rules", () => {
    assert.deepEqual(parseImageReference("alpine"), {
      registry: "docker.io",
      repository: "library/alpine",
      tag: "latest",
    });
    assert.deepEqual(parseImageReference("ghcr.io/org/app:1.2"), {
      registry: "ghcr.io",
      repository: "org/app",
      tag: "1.2",
    });
    assert.deepEqual(parseImageReference("localhost:5000/app"), {
      registry: "localhost:5000",
      repository: "app",
      tag: "latest",
    });
    assert.throws(() => parseImageReference("app@sha256:xyz"), /invalid digest/);
    assert.throws(() => parseImageReference("Bad/Name"), /invalid repository name/);
  });
});
