/** aws.ec2.vpc from aws_vpc / aws_default_vpc, with the aws_flow_log resources that name it. */
import { unknown } from "../../../../model/index.js";
import { fields, nameOf, stringTags, type TfMapper } from "./common.js";

export const ec2VpcMapper: TfMapper = {
  canonicalType: "aws.ec2.vpc",
  parentTypes: ["aws_vpc", "aws_default_vpc"],
  companions: { aws_flow_log: "vpc_id" },
  linkKeys: (vpc) => [vpc.values.id],
  build(vpc, companions, props) {
    const logs = companions.get("aws_flow_log") ?? [];
    props.add("flowLogs", logs[0] ?? vpc, logs[0] ? undefined : "cidr_block");
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
      },
    };
  },
};
