import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

const OPEN = new Set(["0.0.0.0/0", "::/0"]);

export default defineCheck({
  id: "aws.eks.public-endpoint-restricted",
  title: "EKS API endpoint is not open to the whole internet",
  description:
    "A public Kubernetes API endpoint reachable from 0.0.0.0/0 exposes the control plane to credential stuffing and to any future API server flaw.",
  severity: "high",
  resourceTypes: ["aws.eks.cluster"],
  remediation:
    "Turn the public endpoint off and use the private one, or list the CIDRs allowed to reach it in `public_access_cidrs`.",
  references: ["https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"],
  fixes: {
    terraform:
      'resource "aws_eks_cluster" "example" {\n  vpc_config {\n    endpoint_private_access = true\n    endpoint_public_access  = false\n  }\n}',
    cloudformation:
      "Type: AWS::EKS::Cluster\nProperties:\n  ResourcesVpcConfig:\n    EndpointPrivateAccess: true\n    EndpointPublicAccess: false",
  },
  evaluate(resource) {
    const config = resource.properties.resourcesVpcConfig as Record<string, unknown> | undefined;
    const publicAccess = config?.endpointPublicAccess;
    if (isUnknown(publicAccess))
      return notApplicable("whether the endpoint is public is not known", {
        path: "resourcesVpcConfig.endpointPublicAccess",
        actual: publicAccess,
      });
    if (publicAccess === false)
      return pass("the API endpoint is private", {
        path: "resourcesVpcConfig.endpointPublicAccess",
        actual: false,
      });
    const cidrs = config?.publicAccessCidrs;
    if (isUnknown(cidrs))
      return notApplicable("the allowed CIDRs are not known", {
        path: "resourcesVpcConfig.publicAccessCidrs",
        actual: cidrs,
      });
    const list = Array.isArray(cidrs) ? cidrs : [];
    if (list.some((c) => isUnknown(c)))
      return notApplicable("some allowed CIDRs are not known", {
        path: "resourcesVpcConfig.publicAccessCidrs",
        actual: cidrs,
      });
    // EKS treats an empty list as the default, open to everyone.
    const open = list.length === 0 || list.some((c) => typeof c === "string" && OPEN.has(c.trim()));
    return open
      ? fail("the public API endpoint is open to 0.0.0.0/0", {
          path: "resourcesVpcConfig.publicAccessCidrs",
          actual: cidrs,
          expected: "specific CIDRs, or the public endpoint off",
        })
      : pass("the public API endpoint is limited to specific CIDRs", {
          path: "resourcesVpcConfig.publicAccessCidrs",
          actual: cidrs,
        });
  },
});
