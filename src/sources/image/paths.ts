import { ImageError } from "./errors.js";

/**
 * Turns a tar entry name into an absolute path inside the image ("./usr/bin/" → "/usr/bin").
 * Absolute names and any ".." component are refused: a layer that names a path outside its
 * root is hostile or broken, and is never "fixed up" silently.
 */
export function normalizeEntryPath(name: string, where: string): string {
  if (name.includes("\0")) throw new ImageError(`${where}: entry name contains a NUL byte`);
  if (name.startsWith("/")) throw new ImageError(`${where}: absolute path "${name}" refused`);
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") throw new ImageError(`${where}: path traversal in "${name}" refused`);
    parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/**
 * Refuses a relative symlink that climbs above the image root ("/a/l" → "../../etc/passwd").
 * Absolute targets are fine: inside an image they resolve from the image's own root.
 */
export function checkSymlinkTarget(path: string, target: string, where: string): void {
  if (target.includes("\0")) throw new ImageError(`${where}: symlink "${path}" target contains a NUL byte`);
  if (target.startsWith("/")) return;
  let depth = path.split("/").filter(Boolean).length - 1; // the link's directory
  for (const part of target.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      depth--;
      if (depth < 0)
        throw new ImageError(`${where}: symlink "${path}" -> "${target}" escapes the image root, refused`);
    } else depth++;
  }
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash <= 0 ? "/" : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
