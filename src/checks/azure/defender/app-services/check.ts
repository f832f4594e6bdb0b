import { defenderPlanCheck } from "../plan.js";

export default defenderPlanCheck({
  id: "azure.defender.app-services",
  plan: "AppServices",
  label: "App Service",
  description: "Defender for App Service detects attacks on web apps and their hosts.",
  reference:
    "https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-app-service-introduction",
});
