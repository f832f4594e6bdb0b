/**
 * azure.compute.vm from azurerm_linux_virtual_machine / azurerm_windows_virtual_machine.
 * azurerm defaults `disable_password_authentication` to true on Linux machines.
 */
import { isUnknown } from "../../../../model/index.js";
import { bool, first, nameOf, stringTags, type TfMapper } from "./common.js";

export const virtualMachineTfMapper: TfMapper = {
  canonicalType: "azure.compute.vm",
  parentTypes: ["azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine"],
  companions: {},
  linkKeys: () => [],
  build(vm, _companions, props) {
    const v = vm.values;
    const linux = vm.type === "azurerm_linux_virtual_machine";
    props.add("vmSize", vm, "size");
    props.add("encryptionAtHost", vm, "encryption_at_host_enabled");
    props.add(
      "osProfile.linuxConfiguration.disablePasswordAuthentication",
      vm,
      "disable_password_authentication",
    );
    props.add("osDisk", vm, "os_disk[0]");
    const diskBlock = v.os_disk;
    return {
      type: "azure.compute.vm",
      name: nameOf(vm, "name"),
      tags: stringTags(v.tags),
      properties: {
        vmSize: v.size ?? null,
        osType: linux ? "Linux" : "Windows",
        encryptionAtHost: bool(v.encryption_at_host_enabled),
        securityType: null,
        osProfile: {
          linuxConfiguration: linux
            ? { disablePasswordAuthentication: bool(v.disable_password_authentication, true) }
            : null,
        },
        osDisk: isUnknown(diskBlock)
          ? diskBlock
          : { diskEncryptionSetId: first(diskBlock)?.disk_encryption_set_id ?? null },
      },
    };
  },
};
