// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Dockerfile text, where ${VAR} is literal
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { evaluateResource } from "../../../checks/evaluate.js";
import { CheckRegistry } from "../../../checks/registry.js";
import { isUnknown, locate, type Resource } from "../../../model/index.js";
import { expand } from "./expand.js";
import { format, isDockerfileName, loadDockerfiles } from "./index.js";

interface Instr {
  stage: number;
  keyword: string;
  value: string;
  form: string;
  exec?: string[];
  flags: Record<string, string | null>;
  heredocs?: Array<{ name: string; body: string }>;
  unresolved?: string[];
  line: number;
  endLine: number;
}

async function load(text: string, name = "Dockerfile", maxFileBytes?: number) {
  const root = mkdtempSync(join(tmpdir(), "mamori-docker-"));
  const file = join(root, name);
  writeFileSync(file, text);
  return loadDockerfiles(
    [file],
    maxFileBytes === undefined ? { roots: [root] } : { roots: [root], maxFileBytes },
  );
}

async function one(text: string): Promise<Resource> {
  const result = await load(text);
  assert.deepEqual(result.errors, []);
  assert.equal(result.resources.length, 1);
  return result.resources[0] as Resource;
}

const instructions = (r: Resource) => r.properties.instructions as Instr[];

describe("dockerfile format: detection", () => {
  it("claims Dockerfile, Containerfile, Dockerfile.* and *.Dockerfile", () => {
    for (const name of ["Dockerfile", "src/Containerfile", "Dockerfile.prod", "api.Dockerfile", "dockerfile"])
      assert.equal(isDockerfileName(name) && format.claims(name, ""), true, name);
    for (const name of ["Dockerfile.md", "docker-compose.yaml", "Dockerfile.dockerignore", "notes.txt"])
      assert.equal(format.claims(name, ""), false, name);
  });
});

describe("dockerfile format: instructions", () => {
  it("joins continuation lines, drops comment lines inside them and keeps each instruction's lines", async () => {
    const r = await one(
      [
        "FROM debian:12.5-slim",
        "RUN apt-get update && \\",
        "    # a comment inside the instruction",
        "    apt-get install -y curl \\",
        "",
        "      jq",
        'CMD ["node", "server.js"]',
        "ENTRYPOINT exec node",
        "",
      ].join("\n"),
    );
    const list = instructions(r);
    assert.equal(list[1]?.value, "apt-get update &&     apt-get install -y curl       jq");
    assert.deepEqual([list[1]?.line, list[1]?.endLine], [2, 6]);
    assert.equal(list[2]?.form, "exec");
    assert.deepEqual(list[2]?.exec, ["node", "server.js"]);
    assert.equal(list[3]?.form, "shell");
    assert.deepEqual(r.properties.entrypoint, ["/bin/sh", "-c", "exec node"]);
    assert.equal(r.properties.cmd, null, "ENTRYPOINT after CMD resets CMD");
    assert.equal(locate(r, "instructions[1]")?.startLine, 2);
    assert.equal(locate(r, "instructions[1]")?.endLine, 6);
  });

  it("reads here-documents, flags and the escape directive", async () => {
    const heredoc = await one(
      [
        "# syntax=docker/dockerfile:1",
        "FROM alpine:3.20",
        "RUN --mount=type=cache,target=/var/cache/apk --network=none <<EOF",
        "apk add curl",
        "echo done",
        "EOF",
        "COPY <<CONF /etc/app.conf",
        "key=value",
        "CONF",
        "USER nobody",
        "",
      ].join("\n"),
    );
    const [, run, copy, user] = instructions(heredoc);
    assert.deepEqual(run?.flags, { mount: "type=cache,target=/var/cache/apk", network: "none" });
    assert.deepEqual(run?.heredocs, [{ name: "EOF", body: "apk add curl\necho done" }]);
    assert.deepEqual([run?.line, run?.endLine], [3, 6]);
    assert.deepEqual(copy?.heredocs, [{ name: "CONF", body: "key=value" }]);
    assert.equal(user?.line, 10);

    const backtick = await one(
      [
        "# escape=`",
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
        "RUN dir `",
        "    C:\\",
        "USER ContainerUser",
        "",
      ].join("\n"),
    );
    assert.equal(instructions(backtick)[1]?.value, "dir     C:\\");
  });

  it("substitutes global ARGs in FROM, stage ARGs and ENV, and marks what has no value as unknown", async () => {
    const r = await one(
      [
        "ARG REGISTRY=docker.io",
        "ARG TAG",
        "FROM ${REGISTRY}/library/node:20 AS build",
        "ARG REGISTRY",
        "ENV APP_HOME=/srv/app",
        "WORKDIR ${APP_HOME}/src",
        "LABEL origin=${REGISTRY} mode=${MODE:-prod}",
        "FROM build AS test",
        "WORKDIR ${APP_HOME}",
        "FROM node:${TAG}",
        "ARG RUNTIME_USER",
        "USER ${RUNTIME_USER}",
        "",
      ].join("\n"),
    );
    const stages = r.properties.stages as Array<{ name: string | null; base: Record<string, unknown> }>;
    assert.deepEqual(stages[0]?.base, {
      ref: "docker.io/library/node:20",
      image: "docker.io/library/node",
      tag: "20",
      digest: null,
      stage: null,
      platform: null,
    });
    assert.equal(stages[1]?.base.stage, "build", "FROM an earlier stage is not an external base");
    assert.ok(isUnknown(stages[2]?.base.tag), "FROM with an ARG without default is unknown");
    const list = instructions(r);
    assert.equal(list.find((i) => i.line === 6)?.value, "/srv/app/src");
    assert.equal(list.find((i) => i.line === 7)?.value, "origin=docker.io mode=prod");
    assert.equal(list.find((i) => i.line === 9)?.value, "/srv/app", "ENV is inherited from the parent stage");
    assert.ok(isUnknown(r.properties.user), "USER from an ARG without default is unknown");
    assert.deepEqual(list.find((i) => i.line === 12)?.unresolved, ["RUNTIME_USER"]);
  });

  it("builds the final image's config from the last stage and its parents", async () => {
    const r = await one(
      [
        "FROM python:3.12-slim AS base",
        "ENV PYTHONUNBUFFERED=1",
        "USER app",
        "EXPOSE 8000",
        "FROM base",
        "LABEL org.opencontainers.image.source=https://example.com/repo",
        "EXPOSE 9000/udp",
        "HEALTHCHECK --interval=30s --start-period=5s CMD curl -f http://localhost:8000/ || exit 1",
        "CMD python -m app",
        "",
      ].join("\n"),
    );
    assert.equal(r.properties.user, "app");
    assert.deepEqual(r.properties.env, { PYTHONUNBUFFERED: "1" });
    assert.deepEqual(r.properties.labels, { "org.opencontainers.image.source": "https://example.com/repo" });
    assert.deepEqual(r.properties.exposedPorts, ["8000/tcp", "9000/udp"]);
    assert.deepEqual(r.properties.healthcheck, {
      test: ["CMD-SHELL", "curl -f http://localhost:8000/ || exit 1"],
      interval: 30_000_000_000,
      startPeriod: 5_000_000_000,
    });
    assert.deepEqual(r.properties.cmd, ["/bin/sh", "-c", "python -m app"]);
    assert.equal(locate(r, "user")?.startLine, 3);
    assert.equal(locate(r, "exposedPorts[1]")?.startLine, 7);
    assert.equal(locate(r, "healthcheck")?.startLine, 8);
  });
});

describe("dockerfile format: errors and suppressions", () => {
  it("reports an unknown instruction with line and column, and an instruction before FROM", async () => {
    const result = await load("FROM alpine:3.20\nRUNN echo hi\n");
    assert.deepEqual(result.resources, []);
    assert.deepEqual(result.errors, [
      { source: "Dockerfile", message: "unknown instruction RUNN", line: 2, column: 1 },
    ]);
    const early = await load("RUN echo hi\nFROM alpine:3.20\n");
    assert.match(early.errors[0]?.message ?? "", /RUN before the first FROM/);
    const empty = await load("# nothing\n");
    assert.match(empty.errors[0]?.message ?? "", /no FROM instruction/);
  });

  it("refuses files over the size cap", async () => {
    const result = await load(`FROM alpine:3.20\n# ${"x".repeat(500)}\n`, "Dockerfile", 100);
    assert.match(result.errors[0]?.message ?? "", /over the 100-byte limit/);
  });

  it("reads mamori:ignore comments and refuses one without a reason", async () => {
    const result = await load(
      [
        "FROM alpine:3.20",
        "# mamori:ignore docker.user-not-root the entrypoint drops privileges itself",
        "RUN echo hi",
        "# mamori:ignore docker.healthcheck",
        "",
      ].join("\n"),
      "api.Dockerfile",
    );
    assert.deepEqual(result.suppressions, [
      {
        checkId: "docker.user-not-root",
        reason: "the entrypoint drops privileges itself",
        file: "api.Dockerfile",
        line: 2,
        resourceId: "api.Dockerfile#image",
      },
    ]);
    assert.deepEqual(result.errors, [
      { source: "api.Dockerfile", message: "mamori:ignore docker.healthcheck needs a reason", line: 4 },
    ]);
  });
});

describe("dockerfile variable expansion", () => {
  const vars = new Map<string, string | undefined>([
    ["A", "1"],
    ["EMPTY", ""],
    ["NOVALUE", undefined],
  ]);
  it("expands the forms Docker supports", () => {
    assert.equal(
      expand("$A ${A} ${A:-x} ${EMPTY:-x} ${EMPTY-x} ${MISSING:-x} ${A:+y} ${EMPTY:+y}", vars).value,
      "1 1 1 x  x y ",
    );
    assert.equal(expand("\\$A", vars).value, "$A");
    assert.equal(expand("`$A", vars, "`").value, "$A");
    assert.deepEqual(expand("${NOVALUE}/$MISSING", vars), {
      value: "${NOVALUE}/$MISSING",
      unresolved: ["NOVALUE", "MISSING"],
    });
  });
});

describe("dockerfile format: findings", () => {
  it("point at the instruction, and build-hygiene checks are not applicable to an image config", async () => {
    const { default: aptLists } = await import("../../../checks/docker/apt-lists-cleanup/check.js");
    const { default: user } = await import("../../../checks/docker/user-not-root/check.js");
    const registry = new CheckRegistry([aptLists, user]);
    const r = await one(
      ["FROM debian:12.5-slim", "RUN apt-get update \\", "  && apt-get install -y curl", ""].join("\n"),
    );
    const failed = evaluateResource(r, registry, () => [])
      .filter((f) => f.status === "fail")
      .map((f) => [f.checkId, f.location?.startLine, f.location?.endLine]);
    assert.deepEqual(failed.sort(), [
      ["docker.apt-lists-cleanup", 2, 3],
      ["docker.user-not-root", 1, 4],
    ]);
    const image: Resource = {
      type: "docker.image-config",
      id: "registry.example.com/app@sha256:00",
      provider: "docker",
      name: "app",
      tags: {},
      properties: { source: "image", user: "0", instructions: null },
      provenance: { kind: "live", source: "image", collectedAt: "2026-01-01T00:00:00Z" },
    };
    assert.deepEqual(
      evaluateResource(image, registry, () => [])
        .map((f) => [f.checkId, f.status])
        .sort(),
      [
        ["docker.apt-lists-cleanup", "not_applicable"],
        ["docker.user-not-root", "fail"],
      ],
    );
  });
});
