import { defineCheck, fail, pass } from "../../../check.js";
import { listAt, unknownResult } from "../../shared/read.js";

export default defineCheck({
  id: "aws.iam.identity-federation",
  title: "People sign in through identity federation",
  description:
    "An account without a SAML identity provider (an external IdP, or the AWSSSO_… provider IAM Identity Center creates in every account it serves) can only be reached through local IAM users, managed account by account (CIS AWS 2.19). OIDC providers are recorded but not counted: they federate workloads (CI, Kubernetes), not people.",
  severity: "medium",
  resourceTypes: ["aws.account"],
  remediation:
    "Manage people in IAM Identity Center or an external IdP federated over SAML, grant access through permission sets or roles, and remove IAM users that represent individuals.",
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_saml.html"],
  evaluate(resource) {
    const saml = listAt(resource, "identityProviders.saml");
    if (!Array.isArray(saml))
      return unknownResult("identityProviders.saml", saml.unknown, "the SAML providers");
    return saml.length > 0
      ? pass(`${saml.length} SAML identity provider(s)`, { path: "identityProviders.saml", actual: saml })
      : fail("no SAML identity provider: people can only use local IAM users", {
          path: "identityProviders.saml",
          actual: [],
          expected: "a SAML provider (external IdP or IAM Identity Center)",
        });
  },
});
