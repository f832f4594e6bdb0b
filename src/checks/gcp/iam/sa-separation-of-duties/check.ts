import { defineCheck } from "../../../check.js";
import { requireSeparateMembers } from "../../lib/separation-of-duties.js";

const ADMIN = "roles/iam.serviceAccountAdmin";
const USERS = ["roles/iam.serviceAccountUser"];

export default defineCheck({
  id: "gcp.iam.sa-separation-of-duties",
  title: "No member is both Service Account Admin and Service Account User",
  description:
    "A member who can create service accounts and also act as them can grant itself any permission those accounts hold.",
  severity: "medium",
  resourceTypes: ["gcp.project"],
  remediation: "Give roles/iam.serviceAccountAdmin and roles/iam.serviceAccountUser to different members.",
  references: ["https://cloud.google.com/iam/docs/service-account-overview"],
  evaluate: (resource) => requireSeparateMembers(resource, ADMIN, USERS),
});
