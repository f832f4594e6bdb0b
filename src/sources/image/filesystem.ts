import type { Found } from "../packages/index.js";

export type EntryType = "file" | "directory" | "symlink" | "hardlink" | "other";

/** What the merged filesystem keeps of a path: metadata, and what the extractors found in it. */
export interface FileEntry {
  type: EntryType;
  mode: number;
  size: number;
  /** Index of the layer that last wrote this path. */
  layer: number;
  linkTarget?: string;
  uid?: number;
  gid?: number;
  /** Packages found in this file when its layer was read. */
  found?: Found[];
  /** Text kept for OS detection (os-release and friends). */
  text?: string;
}

interface Node {
  entry?: FileEntry;
  children?: Map<string, Node>;
}

function split(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/**
 * The image's filesystem as the layers build it up. A layer's changes are staged while it is
 * read and applied when it ends: first its whiteouts (which only hide lower layers, so the
 * order of entries inside a tar does not matter), then its own entries.
 */
export class LayeredFilesystem {
  private readonly root: Node = { children: new Map() };
  private staged: { path: string; entry: FileEntry }[] = [];
  private deletions: string[] = [];
  private opaque: string[] = [];

  stage(path: string, entry: FileEntry): void {
    this.staged.push({ path, entry });
  }

  /** `.wh.NAME`: NAME (and everything under it) from lower layers is removed. */
  stageWhiteout(path: string): void {
    this.deletions.push(path);
  }

  /** `.wh..wh..opq`: the directory's lower-layer contents are hidden. */
  stageOpaque(dir: string): void {
    this.opaque.push(dir);
  }

  commitLayer(): void {
    for (const path of this.deletions) this.remove(path);
    for (const dir of this.opaque) {
      const node = this.find(dir);
      if (node?.children) node.children = new Map();
    }
    for (const { path, entry } of this.staged) this.put(path, entry);
    this.staged = [];
    this.deletions = [];
    this.opaque = [];
  }

  private find(path: string): Node | undefined {
    let node: Node | undefined = this.root;
    for (const part of split(path)) {
      node = node?.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }

  private remove(path: string): void {
    const parts = split(path);
    const name = parts.pop();
    if (name === undefined) return;
    let node: Node | undefined = this.root;
    for (const part of parts) node = node?.children?.get(part);
    node?.children?.delete(name);
  }

  private put(path: string, entry: FileEntry): void {
    let node = this.root;
    for (const part of split(path)) {
      node.children ??= new Map();
      let child = node.children.get(part);
      if (!child) {
        child = {};
        node.children.set(part, child);
      }
      node = child;
    }
    // A non-directory replacing a directory hides everything that was under it.
    if (entry.type !== "directory") delete node.children;
    node.entry = entry;
  }

  get(path: string): FileEntry | undefined {
    return this.find(path)?.entry;
  }

  /** Every path of the final filesystem, depth first, with its entry. */
  *entries(): Generator<[string, FileEntry]> {
    const stack: [string, Node][] = [["", this.root]];
    while (stack.length > 0) {
      const [path, node] = stack.pop() as [string, Node];
      if (node.entry && path !== "") yield [path, node.entry];
      if (node.children) for (const [name, child] of node.children) stack.push([`${path}/${name}`, child]);
    }
  }
}
