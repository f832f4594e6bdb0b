/**
 * The mappers that bring live-only AWS types to IaC (RDS clusters, GuardDuty
 * detectors, region settings, route tables with their peering, VPC endpoints,
 * the trail bucket's logging), Terraform and CloudFormation side by side:
 * defaults, joins across resources, and unknown wherever the configuration
 * cannot know (never an empty list or a false that would fail a check).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadFixture } from "../../../../checks/fixtures.js";
import { isUnknown, type Resource } from "../../../../model/index.js";

const dir = mkdtempSync(join(tmpdir(), "mamori-regional-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
async function load(name: string, text: string, type: string): Promise<Resource[]> {
  const folder = join(dir, String(count++));
  mkdirSync(folder);
  const file = join(folder, name);
  writeFileSync(file, text);
  return (await loadFixture(file)).filter((r) => r.type === type);
}

describe("IaC mappers of region-level and network AWS types", () => {
  it("maps RDS clusters with their members and the API defaults", async () => {
    const [tf] = await load(
      "main.tf",
      `resource "aws_rds_cluster" "a" {
  cluster_identifier = "a"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
}
resource "aws_rds_cluster_instance" "one" {
  identifier         = "a-1"
  cluster_identifier = aws_rds_cluster.a.id
  instance_class     = "db.r6g.large"
}`,
      "aws.rds.db-cluster",
    );
    assert.ok(tf);
    assert.equal(tf.properties.storageEncrypted, true, "serverless v1 is always encrypted");
    assert.equal(tf.properties.backupRetentionPeriod, 1);
    assert.deepEqual(tf.properties.members, ["a-1"]);
    assert.ok(isUnknown(tf.properties.multiAZ));

    const [restored] = await load(
      "main.tf",
      `resource "aws_rds_cluster" "b" {
  engine                        = "aurora-postgresql"
  replication_source_identifier = "arn:aws:rds:eu-west-1:123456789012:cluster:src"
}`,
      "aws.rds.db-cluster",
    );
    assert.ok(isUnknown(restored?.properties.storageEncrypted));
    assert.ok(isUnknown(restored?.properties.backupRetentionPeriod));

    const [cfn] = await load(
      "t.cfn.yaml",
      `Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      DBClusterIdentifier: ledger
      Engine: aurora-postgresql
      KmsKeyId: arn:aws:kms:eu-west-1:123456789012:key/abc
  Member:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceIdentifier: ledger-1
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.r6g.large
      Engine: aurora-postgresql
`,
      "aws.rds.db-cluster",
    );
    assert.equal(cfn?.properties.storageEncrypted, true, "a KMS key asks for encryption");
    assert.equal(cfn?.properties.dbClusterIdentifier, "ledger");
    assert.deepEqual(cfn?.properties.members, ["ledger-1"]);
  });

  it("maps a declared GuardDuty detector, enabled by default in Terraform", async () => {
    const [d] = await load("main.tf", `resource "aws_guardduty_detector" "d" {}`, "aws.guardduty.detector");
    assert.equal(d?.properties.status, "ENABLED");
    assert.equal(d?.properties.findingPublishingFrequency, "SIX_HOURS");
  });

  it("builds one region-settings resource per declaration, the rest unknown", async () => {
    const settings = await load(
      "main.tf",
      `resource "aws_securityhub_account" "hub" {}
resource "aws_config_configuration_recorder" "r" {
  name     = "main"
  role_arn = aws_iam_role.config.arn
}
resource "aws_iam_role" "config" {
  name               = "config"
  assume_role_policy = "{}"
}
resource "aws_config_configuration_recorder_status" "r" {
  name       = "main"
  is_enabled = true
}`,
      "aws.region-settings",
    );
    assert.equal(settings.length, 2);
    const hub = settings.find((s) => s.id.endsWith("aws_securityhub_account.hub"));
    const recorder = settings.find((s) => s.id.endsWith("aws_config_configuration_recorder.r"));
    assert.ok(hub && recorder);
    assert.ok(isUnknown(hub.properties.configRecorders) && isUnknown(hub.properties.macie));
    assert.ok(isUnknown(recorder.properties.securityHub));
    assert.deepEqual(recorder.properties.configRecorders, [
      {
        name: "main",
        roleArn: null,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: false },
        recording: true,
      },
    ]);
  });

  it("resolves a peer from the accepter side and leaves unknown what the configuration cannot say", async () => {
    const [table] = await load(
      "main.tf",
      `resource "aws_vpc" "a" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_vpc" "b" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_vpc_ipv4_cidr_block_association" "a2" {
  vpc_id     = aws_vpc.a.id
  cidr_block = "10.2.0.0/16"
}
resource "aws_vpc_peering_connection" "p" {
  vpc_id      = aws_vpc.a.id
  peer_vpc_id = aws_vpc.b.id
}
resource "aws_default_route_table" "b" {
  default_route_table_id = aws_vpc.b.default_route_table_id
  route {
    cidr_block                = "10.2.0.0/24"
    vpc_peering_connection_id = aws_vpc_peering_connection.p.id
  }
  route {
    cidr_block                = "0.0.0.0/0"
    vpc_peering_connection_id = "pcx-0abc"
  }
}`,
      "aws.ec2.route-table",
    );
    assert.ok(table);
    assert.equal(table.properties.isMain, true);
    const [known, literal] = table.properties.peeringConnections as { peer: unknown }[];
    assert.ok(known);
    assert.deepEqual((known.peer as { cidrBlocks: string[] }).cidrBlocks, ["10.0.0.0/16", "10.2.0.0/16"]);
    assert.ok(isUnknown(literal?.peer), "a connection outside the configuration");

    const [v6] = await load(
      "main.tf",
      `resource "aws_vpc" "a" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_vpc" "b" {
  cidr_block = "10.1.0.0/16"
}
resource "aws_vpc_peering_connection" "p" {
  vpc_id      = aws_vpc.a.id
  peer_vpc_id = aws_vpc.b.id
}
resource "aws_route_table" "b" {
  vpc_id = aws_vpc.b.id
}
resource "aws_route" "v6" {
  route_table_id              = aws_route_table.b.id
  destination_ipv6_cidr_block = "::/0"
  vpc_peering_connection_id   = aws_vpc_peering_connection.p.id
}`,
      "aws.ec2.route-table",
    );
    assert.ok(v6);
    const [peering] = v6.properties.peeringConnections as { peer: unknown }[];
    assert.ok(isUnknown(peering?.peer), "an IPv6 route to a peer whose IPv6 block AWS assigns");
  });

  it("joins VPC endpoints, and leaves a VPC without one unknown", async () => {
    const vpcs = await load(
      "t.cfn.yaml",
      `Resources:
  WithEndpoint:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Dynamo:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref WithEndpoint
      ServiceName: com.amazonaws.eu-west-1.dynamodb
  Bare:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
`,
      "aws.ec2.vpc",
    );
    const withEndpoint = vpcs.find((v) => v.id.endsWith("#WithEndpoint"));
    const bare = vpcs.find((v) => v.id.endsWith("#Bare"));
    assert.ok(withEndpoint);
    assert.deepEqual(
      (withEndpoint.properties.vpcEndpoints as { serviceName: string }[]).map((e) => e.serviceName),
      ["com.amazonaws.eu-west-1.dynamodb"],
    );
    assert.deepEqual(withEndpoint?.properties.flowLogs, []);
    assert.ok(isUnknown(bare?.properties.vpcEndpoints));
  });

  it("reads the trail bucket's logging by literal name and from an inline block", async () => {
    const [tf] = await load(
      "main.tf",
      `resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
  logging {
    target_bucket = "acme-logs"
  }
}
resource "aws_cloudtrail" "t" {
  name           = "t"
  s3_bucket_name = "acme-trail"
}`,
      "aws.cloudtrail.trail",
    );
    assert.deepEqual(tf?.properties.s3BucketLogging, { targetBucket: "acme-logs", targetPrefix: null });

    const [cfn] = await load(
      "t.cfn.yaml",
      `Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-trail
      LoggingConfiguration: {}
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Bucket
`,
      "aws.cloudtrail.trail",
    );
    assert.deepEqual(cfn?.properties.s3BucketLogging, { targetBucket: "acme-trail", targetPrefix: "" });
  });
});
