// Bench subject: read an image with the built dist/ (as users run it) and list its packages.
// Usage: node bench/image/extract-packages.mjs IMAGE [--secrets]
import { readImage } from "../../dist/sources/image/index.js";

const [target, flag] = process.argv.slice(2);
if (!target) {
  console.error("usage: extract-packages.mjs IMAGE [--secrets]");
  process.exit(2);
}
const image = await readImage(target, { secrets: flag === "--secrets" });
if (image.packages.length === 0) {
  console.error("no packages found");
  process.exit(1);
}
console.log(
  JSON.stringify({
    packages: image.packages.length,
    files: image.files.size,
    secrets: image.secrets.length,
    os: image.os,
  }),
);
