import type { IacFormat } from "../format.js";
import { loadTerraform } from "./load.js";

/** Terraform configurations (`.tf` and `.tf.json`), evaluated per module folder. */
export const format: IacFormat = {
  name: "terraform",
  claims: (file) => file.endsWith(".tf") || file.endsWith(".tf.json"),
  fixtureSuffixes: [".tf", ".tf.json"],
  load: async (files, options) => loadTerraform(files, options),
};
