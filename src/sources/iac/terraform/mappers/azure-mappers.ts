/** The azurerm_* mappers, in one list for MAPPERS. */

import { keyVaultTfMapper } from "./azure-key-vault.js";
import { kubernetesClusterTfMapper } from "./azure-kubernetes-cluster.js";
import { mssqlServerTfMapper } from "./azure-mssql-server.js";
import { networkSecurityGroupTfMapper } from "./azure-network-security-group.js";
import { storageAccountTfMapper } from "./azure-storage-account.js";
import { virtualMachineTfMapper } from "./azure-virtual-machine.js";
import { webAppTfMapper } from "./azure-web-app.js";
import type { TfMapper } from "./common.js";

export const AZURE_MAPPERS: readonly TfMapper[] = [
  storageAccountTfMapper,
  networkSecurityGroupTfMapper,
  keyVaultTfMapper,
  mssqlServerTfMapper,
  kubernetesClusterTfMapper,
  webAppTfMapper,
  virtualMachineTfMapper,
];
