import { aksMapper } from "./aks.js";
import { virtualMachineMapper } from "./compute.js";
import type { ArmMapper } from "./context.js";
import { keyVaultMapper } from "./keyvault.js";
import { nsgMapper } from "./network.js";
import { sqlServerMapper } from "./sql.js";
import { storageAccountMapper } from "./storage.js";
import { webAppMapper } from "./web.js";

/** Every ARM → canonical mapper, one per canonical Azure type (docs/resource-types.md). */
export const ARM_MAPPERS: readonly ArmMapper[] = [
  storageAccountMapper,
  nsgMapper,
  keyVaultMapper,
  sqlServerMapper,
  aksMapper,
  webAppMapper,
  virtualMachineMapper,
];
