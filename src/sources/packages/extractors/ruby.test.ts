import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gemfileLockPackages, gemspecPackages } from "./ruby.js";

const pairs = (found: { name: string; version: string }[]) => found.map((f) => `${f.name}-${f.version}`);

describe("ruby", () => {
  it("reads the GEM specs of a Gemfile.lock, not GIT or PATH sources", () => {
    const lock = `GIT
  remote: https://github.com/acme/private.git
  revision: abc
  specs:
    private (0.1.0)

GEM
  remote: https://rubygems.org/
  specs:
    actionpack (7.0.4)
      rack (~> 2.0)
    nokogiri (1.13.10-x86_64-linux)
      racc (~> 1.4)
    rack (2.2.4)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  actionpack

BUNDLED WITH
   2.3.26
`;
    assert.deepEqual(pairs(gemfileLockPackages(lock)), [
      "actionpack-7.0.4",
      "nokogiri-1.13.10",
      "rack-2.2.4",
    ]);
  });

  it("reads an installed gemspec", () => {
    const spec = `# -*- encoding: utf-8 -*-
Gem::Specification.new do |s|
  s.name = "rake".freeze
  s.version = "13.0.6"
  s.licenses = ["MIT".freeze]
end
`;
    assert.deepEqual(gemspecPackages(spec), [
      { type: "gem", name: "rake", version: "13.0.6", licenses: ["MIT"] },
    ]);
    assert.deepEqual(gemspecPackages("# nothing here"), []);
  });
});
