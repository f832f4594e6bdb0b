import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { median, ratio, spread } from "./stats.js";

describe("median", () => {
  it("takes the middle of an odd count, whatever the order", () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([7]), 7);
  });
  it("averages the two middle values of an even count", () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([10, 20]), 15);
  });
  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    median(values);
    assert.deepEqual(values, [3, 1, 2]);
  });
  it("refuses an empty list", () => {
    assert.throws(() => median([]), RangeError);
  });
});

describe("spread", () => {
  it("gives median, min and max", () => {
    assert.deepEqual(spread([30, 10, 20, 50]), { median: 25, min: 10, max: 50 });
  });
  it("refuses an empty list", () => {
    assert.throws(() => spread([]), RangeError);
  });
});

describe("ratio", () => {
  it("divides by the baseline", () => {
    assert.equal(ratio(300, 100), 3);
    assert.equal(ratio(50, 100), 0.5);
  });
  it("is null without a usable baseline", () => {
    assert.equal(ratio(1, 0), null);
    assert.equal(ratio(1, -1), null);
    assert.equal(ratio(1, undefined), null);
    assert.equal(ratio(undefined, 1), null);
    assert.equal(ratio(Number.NaN, 1), null);
    assert.equal(ratio(1, Number.POSITIVE_INFINITY), null);
  });
});
