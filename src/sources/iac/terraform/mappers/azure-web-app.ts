/**
 * azure.web.app from azurerm_linux_web_app / azurerm_windows_web_app. Absent
 * `site_config` settings take the provider's defaults (TLS 1.2, FTP disabled).
 */
import { isUnknown } from "../../../../model/index.js";
import { identityOf, orDefault } from "./azure-common.js";
import { bool, first, nameOf, stringTags, type TfMapper } from "./common.js";

export const webAppTfMapper: TfMapper = {
  canonicalType: "azure.web.app",
  parentTypes: ["azurerm_linux_web_app", "azurerm_windows_web_app"],
  companions: {},
  linkKeys: () => [],
  build(app, _companions, props) {
    const v = app.values;
    props.add("httpsOnly", app, "https_only");
    props.add("siteConfig", app, "site_config[0]");
    props.add("siteConfig.minTlsVersion", app, "site_config[0].minimum_tls_version");
    props.add("siteConfig.ftpsState", app, "site_config[0].ftps_state");
    props.add("siteConfig.http20Enabled", app, "site_config[0].http2_enabled");
    props.add("siteConfig.remoteDebuggingEnabled", app, "site_config[0].remote_debugging_enabled");
    props.add("identity", app, "identity[0]");
    const configBlock = v.site_config;
    const config = first(configBlock) ?? {};
    return {
      type: "azure.web.app",
      name: nameOf(app, "name"),
      tags: stringTags(v.tags),
      properties: {
        kind: app.type === "azurerm_linux_web_app" ? "app,linux" : "app",
        httpsOnly: bool(v.https_only),
        siteConfig: isUnknown(configBlock)
          ? configBlock
          : {
              minTlsVersion: orDefault(config.minimum_tls_version, "1.2"),
              ftpsState: orDefault(config.ftps_state, "Disabled"),
              http20Enabled: bool(config.http2_enabled),
              remoteDebuggingEnabled: bool(config.remote_debugging_enabled),
            },
        identity: identityOf(v.identity),
      },
    };
  },
};
