/** aws.iam.server-certificate from aws_iam_server_certificate; the expiry is read from the PEM certificate itself. */
import { X509Certificate } from "node:crypto";
import { isUnknown, unknown } from "../../../../model/index.js";
import { fields, nameOf, type TfMapper } from "./common.js";

function expiration(body: unknown): unknown {
  if (isUnknown(body)) return body;
  if (typeof body !== "string") return unknown("no certificate body");
  try {
    return new Date(new X509Certificate(body).validTo).toISOString();
  } catch {
    return unknown("the certificate body is not a readable PEM certificate");
  }
}

export const iamServerCertificateMapper: TfMapper = {
  canonicalType: "aws.iam.server-certificate",
  parentTypes: ["aws_iam_server_certificate"],
  companions: {},
  linkKeys: () => [],
  build(cert, _companions, props) {
    props.add("expiration", cert, "certificate_body");
    return {
      type: "aws.iam.server-certificate",
      name: nameOf(cert, "name"),
      tags: {},
      properties: {
        ...fields(cert, props, [
          ["serverCertificateName", "name"],
          ["path", "path", "/"],
        ]),
        serverCertificateId: unknown("the certificate id is known only after apply"),
        uploadDate: unknown("the upload date is known only after apply"),
        expiration: expiration(cert.values.certificate_body),
      },
    };
  },
};
