/**
 * aws.ec2.vpc from aws_vpc / aws_default_vpc, with the aws_flow_log and
 * aws_vpc_endpoint resources that name it. Endpoints are often declared in
 * another configuration than the VPC, so a VPC without one here has unknown
 * `vpcEndpoints` rather than an empty list (which would fail CIS 6.8).
 */
import { unknown } from "../../../../model/index.js";
import { fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const ec2VpcMapper: TfMapper = {
  canonicalType: "aws.ec2.vpc",
  parentTypes: ["aws_vpc", "aws_default_vpc"],
  companions: { aws_flow_log: "vpc_id", aws_vpc_endpoint: "vpc_id" },
  linkKeys: (vpc) => [vpc.values.id],
  build(vpc, companions, props) {
    const logs = companions.get("aws_flow_log") ?? [];
    props.add("flowLogs", logs[0] ?? vpc, logs[0] ? undefined : "cidr_block");
    const endpoints = companions.get("aws_vpc_endpoint") ?? [];
    if (endpoints[0]) props.add("vpcEndpoints", endpoints[0]);
    return {
      type: "aws.ec2.vpc",
      name: stringTags(vpc.values.tags).Name ?? nameOf(vpc, "id"),
      tags: stringTags(vpc.values.tags),
      properties: {
        vpcId: vpc.values.id ?? unknown("the VPC id is known only after apply"),
        ...fields(vpc, props, [["cidrBlock", "cidr_block"]]),
        isDefault: vpc.type === "aws_default_vpc",
        flowLogs: logs.map((log) => ({
          flowLogId: log.values.id ?? unknown("the flow log id is known only after apply"),
          trafficType: log.values.traffic_type ?? null,
          flowLogStatus: "ACTIVE",
          logDestinationType: log.values.log_destination_type ?? "cloud-watch-logs",
        })),
        vpcEndpoints:
          endpoints.length === 0
            ? unknown("VPC endpoints may be declared in another configuration")
            : endpoints.map((e) => ({
                vpcEndpointId: e.values.id ?? unknown("the endpoint id is known only after apply"),
                serviceName: e.values.service_name ?? null,
                vpcEndpointType: e.values.vpc_endpoint_type ?? "Gateway",
                state: "available",
              })),
      },
    };
  },
};
