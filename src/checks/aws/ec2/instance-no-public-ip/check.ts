import { isUnknown } from "../../../../model/index.js";
import { defineCheck, fail, notApplicable, pass } from "../../../check.js";

export default defineCheck({
  id: "aws.ec2.instance-no-public-ip",
  title: "EC2 instances have no public IP address",
  description:
    "An instance with a public IPv4 address is reachable from the internet whenever a security group or NACL rule lets traffic in; put it behind a load balancer, NAT or Systems Manager instead.",
  severity: "medium",
  resourceTypes: ["aws.ec2.instance"],
  remediation:
    "Launch the instance in a private subnet without a public IP (`associate_public_ip_address = false`) and reach it through a load balancer or Session Manager.",
  references: ["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html"],
  fixes: {
    terraform:
      'resource "aws_instance" "example" {\n  ami                         = "ami-0123456789abcdef0"\n  instance_type               = "t3.micro"\n  subnet_id                   = aws_subnet.private.id\n  associate_public_ip_address = false\n}',
    cloudformation:
      'Type: AWS::EC2::Instance\nProperties:\n  NetworkInterfaces:\n    - DeviceIndex: "0"\n      SubnetId: !Ref PrivateSubnet\n      AssociatePublicIpAddress: false',
  },
  evaluate(resource) {
    const { publicIpAddress, associatePublicIpAddress, state } = resource.properties;
    if (state === "terminated")
      return notApplicable("the instance is terminated", { path: "state", actual: state });
    if (typeof publicIpAddress === "string" && publicIpAddress !== "")
      return fail(`the instance has public IP ${publicIpAddress}`, {
        path: "publicIpAddress",
        actual: publicIpAddress,
        expected: null,
      });
    // IaC: the launch setting says a public IP will be assigned, though its value is known only after apply.
    if (associatePublicIpAddress === true)
      return fail("a public IP is assigned at launch", {
        path: "associatePublicIpAddress",
        actual: true,
        expected: false,
      });
    if (isUnknown(publicIpAddress))
      return notApplicable("whether the instance has a public IP is not known", {
        path: "publicIpAddress",
        actual: publicIpAddress,
      });
    if (isUnknown(associatePublicIpAddress))
      return notApplicable("whether a public IP is assigned depends on the subnet", {
        path: "associatePublicIpAddress",
        actual: associatePublicIpAddress,
      });
    return pass("the instance has no public IP", {
      path: "publicIpAddress",
      actual: publicIpAddress ?? null,
    });
  },
});
