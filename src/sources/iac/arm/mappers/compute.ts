import { isUnknown } from "../../../../model/index.js";
import { type ArmMapper, armBool, armProp } from "./context.js";

export const virtualMachineMapper: ArmMapper = {
  canonicalType: "azure.compute.vm",
  armType: "Microsoft.Compute/virtualMachines",
  map(vm, _children, ctx) {
    ctx.at("encryptionAtHost", vm, "properties", "securityProfile", "encryptionAtHost");
    ctx.at("osProfile.linuxConfiguration", vm, "properties", "osProfile", "linuxConfiguration");
    ctx.at(
      "osProfile.linuxConfiguration.disablePasswordAuthentication",
      vm,
      "properties",
      "osProfile",
      "linuxConfiguration",
      "disablePasswordAuthentication",
    );
    ctx.at("osDisk", vm, "properties", "storageProfile", "osDisk");
    const linux = armProp(vm, "osProfile", "linuxConfiguration");
    const windows = armProp(vm, "osProfile", "windowsConfiguration");
    const osDisk = armProp(vm, "storageProfile", "osDisk");
    return {
      vmSize: armProp(vm, "hardwareProfile", "vmSize") ?? null,
      osType: linux !== undefined ? "Linux" : windows !== undefined ? "Windows" : null,
      encryptionAtHost: armBool(armProp(vm, "securityProfile", "encryptionAtHost"), false),
      securityType: armProp(vm, "securityProfile", "securityType") ?? null,
      osProfile: {
        linuxConfiguration: isUnknown(linux)
          ? linux
          : linux
            ? {
                disablePasswordAuthentication: armBool(
                  armProp(vm, "osProfile", "linuxConfiguration", "disablePasswordAuthentication"),
                  false,
                ),
              }
            : null,
      },
      osDisk: isUnknown(osDisk)
        ? osDisk
        : {
            diskEncryptionSetId:
              armProp(vm, "storageProfile", "osDisk", "managedDisk", "diskEncryptionSet", "id") ?? null,
          },
    };
  },
};
