import { fileURLToPath } from "node:url";
import type { Package } from "../model/index.js";

/** ../shared/vulndata, resolved from the repository root (read in place, never copied). */
export const VULNDATA = fileURLToPath(new URL("../../../shared/vulndata/", import.meta.url));

export function pkg(partial: Partial<Package> & Pick<Package, "name" | "version" | "ecosystem">): Package {
  return {
    purl: `pkg:generic/${partial.name}@${partial.version}`,
    path: "test",
    ...partial,
  };
}
