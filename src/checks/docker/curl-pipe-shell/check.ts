import { defineCheck } from "../../check.js";
import { DOCKER_BEST_PRACTICES, eachRun } from "../../lib/docker.js";

const PIPE_TO_SHELL = /\b(curl|wget)\b[^|\n]*\|\s*(sudo\s+)?(-?\w+=\S+\s+)*(ba|z|da|k)?sh\b/;

export default defineCheck({
  id: "docker.curl-pipe-shell",
  title: "No script is piped from the network into a shell",
  description:
    "curl … | sh runs whatever the server returns at build time, unverified; a compromised or changed endpoint controls the image.",
  severity: "high",
  resourceTypes: ["docker.image-config"],
  remediation: "Download to a file, verify its checksum or signature, then run it.",
  references: [DOCKER_BEST_PRACTICES],
  fixes: {
    dockerfile:
      'RUN curl -fsSLo install.sh https://example.com/install.sh \\\n && echo "<sha256>  install.sh" | sha256sum -c - \\\n && sh install.sh',
  },
  evaluate(resource) {
    return eachRun(
      resource,
      (script) => (PIPE_TO_SHELL.test(script) ? "a download is piped into a shell" : undefined),
      "no download is piped into a shell",
      "download, verify, then run",
    );
  },
});
