import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { depsJsonPackages, nugetLockPackages } from "./dotnet.js";

describe("dotnet", () => {
  it("reads packages.lock.json across target frameworks, without project references", () => {
    const lock = JSON.stringify({
      version: 1,
      dependencies: {
        "net6.0": {
          "Newtonsoft.Json": { type: "Direct", requested: "[13.0.1, )", resolved: "13.0.1" },
          "System.Text.Json": { type: "Transitive", resolved: "6.0.0" },
          MyLib: { type: "Project" },
        },
        "net8.0": { "Newtonsoft.Json": { type: "Direct", resolved: "13.0.1" } },
      },
    });
    assert.deepEqual(nugetLockPackages(Buffer.from(lock), "packages.lock.json"), [
      { type: "nuget", name: "Newtonsoft.Json", version: "13.0.1" },
      { type: "nuget", name: "System.Text.Json", version: "6.0.0" },
    ]);
  });

  it("reads the package libraries of a .deps.json", () => {
    const deps = JSON.stringify({
      runtimeTarget: { name: ".NETCoreApp,Version=v8.0" },
      libraries: {
        "App/1.0.0": { type: "project", serviceable: false },
        "Serilog/2.12.0": { type: "package", serviceable: true, sha512: "sha512-x" },
      },
    });
    assert.deepEqual(depsJsonPackages(Buffer.from(deps), "App.deps.json"), [
      { type: "nuget", name: "Serilog", version: "2.12.0" },
    ]);
  });
});
