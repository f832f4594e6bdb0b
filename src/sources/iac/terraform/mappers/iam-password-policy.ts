/** aws.iam.password-policy from aws_iam_account_password_policy. */
import { asBool, fields, type TfMapper } from "./common.js";

export const iamPasswordPolicyMapper: TfMapper = {
  canonicalType: "aws.iam.password-policy",
  parentTypes: ["aws_iam_account_password_policy"],
  companions: {},
  linkKeys: () => [],
  build(policy, _companions, props) {
    return {
      type: "aws.iam.password-policy",
      name: "account password policy",
      tags: {},
      properties: {
        exists: true,
        ...fields(policy, props, [
          ["minimumPasswordLength", "minimum_password_length", 6],
          ["requireSymbols", "require_symbols", false, asBool],
          ["requireNumbers", "require_numbers", false, asBool],
          ["requireUppercaseCharacters", "require_uppercase_characters", false, asBool],
          ["requireLowercaseCharacters", "require_lowercase_characters", false, asBool],
          ["allowUsersToChangePassword", "allow_users_to_change_password", true, asBool],
          ["maxPasswordAge", "max_password_age"],
          ["passwordReusePrevention", "password_reuse_prevention"],
          ["hardExpiry", "hard_expiry", false, asBool],
        ]),
        expirePasswords:
          typeof policy.values.max_password_age === "number" && policy.values.max_password_age > 0,
      },
    };
  },
};
