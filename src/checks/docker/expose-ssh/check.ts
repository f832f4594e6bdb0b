import { defineCheck, fail, pass } from "../../check.js";

/** `22`, `22/tcp`, or a range such as `20-25/tcp` that includes 22. */
function coversSsh(port: string): boolean {
  const [range = "", protocol = "tcp"] = port.split("/");
  if (protocol.toLowerCase() !== "tcp") return false;
  const [from, to = from] = range.split("-").map(Number);
  return from !== undefined && to !== undefined && from <= 22 && 22 <= to;
}

export default defineCheck({
  id: "docker.expose-ssh",
  title: "The image does not expose SSH (port 22)",
  description:
    "An SSH server in a container is a second way in with its own credentials to manage; use docker exec / kubectl exec for access instead.",
  severity: "medium",
  resourceTypes: ["docker.image-config"],
  remediation: "Remove EXPOSE 22 and the SSH server from the image.",
  references: ["CIS Docker 5.6", "https://docs.docker.com/reference/dockerfile/#expose"],
  evaluate(resource) {
    const ports = resource.properties.exposedPorts;
    const list = Array.isArray(ports) ? (ports as unknown[]).map(String) : [];
    const index = list.findIndex(coversSsh);
    if (index >= 0)
      return fail("the image exposes port 22 (SSH)", {
        path: `exposedPorts[${index}]`,
        actual: list[index],
        expected: "no SSH port",
      });
    return pass(list.length > 0 ? `the image exposes ${list.join(", ")}` : "the image exposes no port", {
      path: "exposedPorts",
    });
  },
});
