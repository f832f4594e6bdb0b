import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { composerLockPackages } from "./php.js";

describe("php", () => {
  it("reads composer.lock packages and dev packages", () => {
    const lock = JSON.stringify({
      "content-hash": "x",
      packages: [
        { name: "guzzlehttp/guzzle", version: "7.4.0", license: ["MIT"] },
        { name: "acme/dev-branch", version: "dev-main" },
      ],
      "packages-dev": [{ name: "phpunit/phpunit", version: "v9.5.10" }],
    });
    assert.deepEqual(composerLockPackages(Buffer.from(lock), "composer.lock"), [
      { type: "composer", namespace: "guzzlehttp", name: "guzzle", version: "7.4.0", licenses: ["MIT"] },
      { type: "composer", namespace: "phpunit", name: "phpunit", version: "9.5.10" },
    ]);
    assert.throws(
      () => composerLockPackages(Buffer.from('{"packages": {}}'), "composer.lock"),
      /composer.lock: "packages" is not an array/,
    );
  });
});
