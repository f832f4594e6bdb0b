/**
 * The live ELBv2, CloudFront, API Gateway, EKS, ElastiCache and OpenSearch
 * modules against moto: one misconfigured and one hardened instance of each,
 * created through the real SDK, then the same checks that run on IaC.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateStageCommand as CreateV2StageCommand,
} from "@aws-sdk/client-apigatewayv2";
import {
  CloudFrontClient,
  CreateDistributionCommand,
  type DistributionConfig,
} from "@aws-sdk/client-cloudfront";
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateClusterCommand, EKSClient } from "@aws-sdk/client-eks";
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyLoadBalancerAttributesCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateReplicationGroupCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { CreateDomainCommand, OpenSearchClient } from "@aws-sdk/client-opensearch";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { type MotoServer, setMotoCredentials, startMoto } from "../../../../test/moto/server.js";
import { builtinChecks, CheckRegistry } from "../../../checks/index.js";
import { complianceIndex, loadFrameworks } from "../../../compliance/index.js";
import type { Finding, Resource } from "../../../model/index.js";
import { type ResourceItem, runPostureScan } from "../../../scan/posture.js";
import { AwsContext, type AwsService, scanAccount } from "../index.js";
import { mergeConcurrently } from "../limit.js";
import { withLiveErrors } from "../live-errors.js";
import { service as apigateway } from "./apigateway.js";
import { service as cloudfront } from "./cloudfront.js";
import { service as eks } from "./eks.js";
import { service as elasticache } from "./elasticache.js";
import { service as elbv2 } from "./elbv2.js";
import { notDescribed } from "./markers.js";
import { service as opensearch } from "./opensearch.js";

const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const SERVICES: AwsService[] = [elbv2, cloudfront, apigateway, eks, elasticache, opensearch];
const TYPES = [
  "aws.elbv2.load-balancer",
  "aws.cloudfront.distribution",
  "aws.apigateway.stage",
  "aws.apigateway.method",
  "aws.eks.cluster",
  "aws.elasticache.replication-group",
  "aws.opensearch.domain",
];

/** Runs the checks on a resource stream exactly as `mamori cloud aws` does (errors are findings). */
async function evaluate(items: AsyncIterable<ResourceItem>) {
  const resources: Resource[] = [];
  async function* tap(): AsyncGenerator<ResourceItem> {
    for await (const item of items) {
      if ("resource" in item && item.resource) resources.push(item.resource);
      yield item;
    }
  }
  const result = await runPostureScan({
    kind: "aws",
    target: "moto",
    scope: `aws:${ACCOUNT}`,
    items: tap(),
    registry: withLiveErrors(new CheckRegistry(builtinChecks)),
    compliance: complianceIndex(loadFrameworks()),
    includePassed: true,
    tool: { name: "Mamori", version: "test" },
  });
  return { resources, findings: result.allFindings, errors: result.report.errors ?? [] };
}

/** "status name[ key]" lines of one check, sorted; resources by name since moto makes random ids. */
function outcome(findings: readonly Finding[], checkId: string): string[] {
  return findings
    .filter((f) => f.checkId === checkId)
    .map((f) => `${f.status} ${f.resource.name}${f.key ? ` ${f.key}` : ""}`)
    .sort();
}

const LOG_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:api`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/secrets`;
const CERTIFICATE = `arn:aws:iam::${ACCOUNT}:server-certificate/site`;

async function createLoadBalancers(config: object, vpcId: string, subnets: string[]) {
  const elb = new ElasticLoadBalancingV2Client(config);
  const create = async (Name: string, Type: "application" | "network" = "application") =>
    (await elb.send(new CreateLoadBalancerCommand({ Name, Subnets: subnets, Type }))).LoadBalancers?.[0]
      ?.LoadBalancerArn as string;
  const group = await elb.send(
    new CreateTargetGroupCommand({ Name: "web", Protocol: "HTTP", Port: 80, VpcId: vpcId }),
  );
  const forward = [{ Type: "forward" as const, TargetGroupArn: group.TargetGroups?.[0]?.TargetGroupArn }];
  const https = (LoadBalancerArn: string, SslPolicy: string) =>
    elb.send(
      new CreateListenerCommand({
        LoadBalancerArn,
        Protocol: "HTTPS",
        Port: 443,
        SslPolicy,
        Certificates: [{ CertificateArn: CERTIFICATE }],
        DefaultActions: forward,
      }),
    );
  const attributes = (LoadBalancerArn: string, values: Record<string, string>) =>
    elb.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn,
        Attributes: Object.entries(values).map(([Key, Value]) => ({ Key, Value })),
      }),
    );

  // Plain HTTP served, TLS 1.0 accepted, no access logs, no deletion protection.
  const open = await create("open-alb");
  await elb.send(
    new CreateListenerCommand({ LoadBalancerArn: open, Protocol: "HTTP", Port: 80, DefaultActions: forward }),
  );
  await https(open, "ELBSecurityPolicy-2016-08");
  await attributes(open, { "access_logs.s3.enabled": "false" });

  const hardened = await create("hardened-alb");
  await elb.send(
    new CreateListenerCommand({
      LoadBalancerArn: hardened,
      Protocol: "HTTP",
      Port: 80,
      DefaultActions: [
        { Type: "redirect", RedirectConfig: { Protocol: "HTTPS", Port: "443", StatusCode: "HTTP_301" } },
      ],
    }),
  );
  await https(hardened, "ELBSecurityPolicy-TLS13-1-2-2021-06");
  await attributes(hardened, {
    "access_logs.s3.enabled": "true",
    "access_logs.s3.bucket": "lb-logs",
    "deletion_protection.enabled": "true",
  });

  // Left as created: moto's attribute list then lacks access_logs.s3.enabled, which AWS always returns.
  await create("untouched-nlb", "network");
}

async function createDistributions(config: object) {
  const cf = new CloudFrontClient(config);
  const open: DistributionConfig = {
    CallerReference: "open",
    Comment: "open",
    Enabled: true,
    Origins: {
      Quantity: 1,
      Items: [
        {
          Id: "site",
          DomainName: "origin.example.com",
          CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only" },
        },
      ],
    },
    DefaultCacheBehavior: {
      TargetOriginId: "site",
      ViewerProtocolPolicy: "allow-all",
      CachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    },
  };
  await cf.send(new CreateDistributionCommand({ DistributionConfig: open }));
  await cf.send(
    new CreateDistributionCommand({
      DistributionConfig: {
        ...open,
        CallerReference: "hardened",
        Comment: "hardened",
        DefaultCacheBehavior: {
          ...(open.DefaultCacheBehavior as object),
          ViewerProtocolPolicy: "redirect-to-https",
        },
        ViewerCertificate: {
          // moto keeps its default certificate flag on unless told otherwise; AWS turns it off itself.
          CloudFrontDefaultCertificate: false,
          ACMCertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/site`,
          SSLSupportMethod: "sni-only",
          MinimumProtocolVersion: "TLSv1.2_2021",
        },
        WebACLId: `arn:aws:wafv2:${REGION}:${ACCOUNT}:global/webacl/edge/1`,
        Logging: { Enabled: true, IncludeCookies: false, Bucket: "cdn-logs.s3.amazonaws.com", Prefix: "" },
      } as DistributionConfig,
    }),
  );
}

async function createApis(config: object) {
  const rest = new APIGatewayClient(config);
  const api = await rest.send(new CreateRestApiCommand({ name: "shop" }));
  const root = (await rest.send(new GetResourcesCommand({ restApiId: api.id }))).items?.[0]?.id;
  const method = { restApiId: api.id, resourceId: root, httpMethod: "GET" };
  await rest.send(new PutMethodCommand({ ...method, authorizationType: "NONE" }));
  await rest.send(new PutIntegrationCommand({ ...method, type: "MOCK" }));
  const deployment = await rest.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "open" }));
  await rest.send(
    new CreateStageCommand({
      restApiId: api.id,
      stageName: "hardened",
      deploymentId: deployment.id,
      tracingEnabled: true,
    }),
  );
  await rest.send(
    new UpdateStageCommand({
      restApiId: api.id,
      stageName: "hardened",
      patchOperations: [
        { op: "replace", path: "/accessLogSettings/destinationArn", value: LOG_GROUP },
        { op: "replace", path: "/*/*/logging/loglevel", value: "ERROR" },
      ],
    }),
  );

  const v2 = new ApiGatewayV2Client(config);
  const http = await v2.send(new CreateApiCommand({ Name: "http", ProtocolType: "HTTP" }));
  await v2.send(new CreateV2StageCommand({ ApiId: http.ApiId, StageName: "open" }));
  await v2.send(
    new CreateV2StageCommand({
      ApiId: http.ApiId,
      StageName: "hardened",
      AccessLogSettings: { DestinationArn: LOG_GROUP, Format: "$context.requestId" },
    }),
  );
  const socket = await v2.send(
    new CreateApiCommand({
      Name: "socket",
      ProtocolType: "WEBSOCKET",
      RouteSelectionExpression: "$request.body.action",
    }),
  );
  // Route execution logged, but no access logs.
  await v2.send(
    new CreateV2StageCommand({
      ApiId: socket.ApiId,
      StageName: "live",
      DefaultRouteSettings: { LoggingLevel: "INFO" },
    }),
  );
}

async function createClusters(config: object, subnets: string[]) {
  const eksClient = new EKSClient(config);
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/eks`;
  await eksClient.send(
    new CreateClusterCommand({ name: "open", roleArn, resourcesVpcConfig: { subnetIds: subnets } }),
  );
  await eksClient.send(
    new CreateClusterCommand({
      name: "hardened",
      roleArn,
      resourcesVpcConfig: { subnetIds: subnets, endpointPublicAccess: false, endpointPrivateAccess: true },
      logging: {
        clusterLogging: [
          { types: ["api", "audit", "authenticator"], enabled: true },
          { types: ["scheduler"], enabled: false },
        ],
      },
      encryptionConfig: [{ resources: ["secrets"], provider: { keyArn: KEY } }],
    }),
  );

  const cache = new ElastiCacheClient(config);
  const group = { ReplicationGroupDescription: "sessions", Engine: "redis", CacheNodeType: "cache.t3.micro" };
  await cache.send(
    new CreateReplicationGroupCommand({ ...group, ReplicationGroupId: "open", NumCacheClusters: 1 }),
  );
  await cache.send(
    new CreateReplicationGroupCommand({
      ...group,
      ReplicationGroupId: "hardened",
      NumCacheClusters: 1,
      AtRestEncryptionEnabled: true,
      TransitEncryptionEnabled: true,
      AuthToken: "a-long-enough-auth-token-0123",
    }),
  );

  const search = new OpenSearchClient(config);
  const anyone = { Effect: "Allow", Principal: { AWS: "*" }, Action: "es:*", Resource: "*" };
  await search.send(
    new CreateDomainCommand({
      DomainName: "open",
      AccessPolicies: JSON.stringify({ Version: "2012-10-17", Statement: [anyone] }),
    }),
  );
  await search.send(
    new CreateDomainCommand({
      DomainName: "hardened",
      EngineVersion: "Elasticsearch_7.10",
      EncryptionAtRestOptions: { Enabled: true },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" },
      VPCOptions: { SubnetIds: [subnets[0] as string] },
      AccessPolicies: JSON.stringify({ Version: "2012-10-17", Statement: [anyone] }),
    }),
  );
}

describe("live ELBv2, CloudFront, API Gateway, EKS, ElastiCache and OpenSearch (moto)", () => {
  let moto: MotoServer;
  let resources: Resource[];
  let findings: Finding[];
  let errors: { source: string; message: string }[];
  const byName = (type: string, name: string) => {
    const found = resources.find((r) => r.type === type && r.name === name);
    assert.ok(found, `${type} ${name} was not collected`);
    return found;
  };

  before(async () => {
    moto = await startMoto();
    setMotoCredentials();
    const config = { region: REGION, endpoint: moto.endpoint };
    const ec2 = new EC2Client(config);
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }))).Vpc?.VpcId as string;
    const subnets: string[] = [];
    for (const [index, zone] of ["us-east-1a", "us-east-1b"].entries()) {
      const subnet = await ec2.send(
        new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.0.${index}.0/24`, AvailabilityZone: zone }),
      );
      subnets.push(subnet.Subnet?.SubnetId as string);
    }
    await createLoadBalancers(config, vpcId, subnets);
    await createDistributions(config);
    await createApis(config);
    await createClusters(config, subnets);
    const scan = await scanAccount({ endpoint: moto.endpoint, regions: [REGION], services: SERVICES });
    ({ resources, findings, errors } = await evaluate(scan.items));
  });
  after(async () => moto?.stop());

  it("fills the IaC adapters' property names", () => {
    assert.deepEqual(
      errors.filter((e) => e.source.startsWith("aws/")),
      [],
      "every call the six modules make is implemented by moto",
    );
    const alb = byName("aws.elbv2.load-balancer", "hardened-alb");
    assert.equal(
      alb.id.startsWith(`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/`),
      true,
    );
    assert.deepEqual(alb.properties.accessLogs, { enabled: true, bucket: "lb-logs" });
    assert.equal(alb.properties.deletionProtection, true);
    assert.deepEqual(
      (alb.properties.listeners as { port: number; defaultActions: unknown }[]).map((l) => [
        l.port,
        l.defaultActions,
      ]),
      [
        [80, [{ type: "redirect", redirect: { protocol: "HTTPS" } }]],
        [443, [{ type: "forward" }]],
      ],
    );
    const hardenedDistribution = resources.find(
      (r) => r.type === "aws.cloudfront.distribution" && r.properties.webAclId !== null,
    );
    // The id and domain name are random in moto.
    const { distributionId, domainName, ...settings } = hardenedDistribution?.properties ?? {};
    assert.equal(hardenedDistribution?.name, distributionId);
    assert.equal(typeof domainName, "string");
    assert.deepEqual(settings, {
      viewerProtocolPolicies: ["redirect-to-https"],
      minimumProtocolVersion: "TLSv1.2_2021",
      webAclId: `arn:aws:wafv2:${REGION}:${ACCOUNT}:global/webacl/edge/1`,
      logging: { bucket: "cdn-logs.s3.amazonaws.com" },
    });
    assert.equal(hardenedDistribution?.region, undefined);
    assert.deepEqual(byName("aws.apigateway.stage", "shop/hardened").properties, {
      apiId: byName("aws.apigateway.stage", "shop/hardened").properties.apiId,
      protocolType: "REST",
      stageName: "hardened",
      accessLogDestination: LOG_GROUP,
      methodLogging: "ERROR",
      tracingEnabled: true,
    });
    assert.deepEqual(byName("aws.eks.cluster", "hardened").properties, {
      name: "hardened",
      version: byName("aws.eks.cluster", "hardened").properties.version,
      resourcesVpcConfig: {
        endpointPublicAccess: false,
        endpointPrivateAccess: true,
        publicAccessCidrs: ["0.0.0.0/0"],
      },
      logging: { enabledTypes: ["api", "audit", "authenticator"] },
      encryptionConfig: [{ resources: ["secrets"], provider: { keyArn: KEY } }],
    });
    assert.deepEqual(byName("aws.elasticache.replication-group", "hardened").properties, {
      replicationGroupId: "hardened",
      engine: "redis",
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      authTokenEnabled: true,
      kmsKeyId: null,
    });
    const domain = byName("aws.opensearch.domain", "hardened").properties;
    assert.equal(domain.engine, "Elasticsearch");
    assert.deepEqual(domain.domainEndpointOptions, {
      enforceHTTPS: true,
      tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07",
    });
    assert.equal((domain.accessPolicies as { Version?: string }).Version, "2012-10-17");
  });

  it("ELBv2: an HTTP listener without a redirect, TLS 1.0 and no logs fail; a missing attribute is an error", () => {
    assert.deepEqual(outcome(findings, "aws.elbv2.http-redirects-to-https"), [
      "fail open-alb HTTP:80",
      "not_applicable untouched-nlb",
      "pass hardened-alb HTTP:80",
    ]);
    assert.deepEqual(outcome(findings, "aws.elbv2.modern-tls-policy"), [
      "fail open-alb HTTPS:443",
      "not_applicable untouched-nlb",
      "pass hardened-alb HTTPS:443",
    ]);
    assert.deepEqual(outcome(findings, "aws.elbv2.access-logs"), [
      "error untouched-nlb",
      "fail open-alb",
      "pass hardened-alb",
    ]);
    assert.deepEqual(outcome(findings, "aws.elbv2.deletion-protection"), [
      "fail open-alb",
      "fail untouched-nlb",
      "pass hardened-alb",
    ]);
  });

  it("CloudFront: a distribution that allows HTTP, TLSv1, no WAF and no logs fails every check", () => {
    const names = new Map(
      resources
        .filter((r) => r.type === "aws.cloudfront.distribution")
        .map((r) => [r.name, r.properties.webAclId === null ? "open" : "hardened"]),
    );
    const labelled = (checkId: string) =>
      outcome(findings, checkId).map((line) => line.replace(/ (\S+)$/, (_, name) => ` ${names.get(name)}`));
    for (const checkId of [
      "aws.cloudfront.https-only",
      "aws.cloudfront.modern-tls",
      "aws.cloudfront.waf",
      "aws.cloudfront.logging",
    ])
      assert.deepEqual(labelled(checkId), ["fail open", "pass hardened"], checkId);
  });

  it("API Gateway: REST and v2 stages without access logs fail; HTTP APIs have no execution logging", () => {
    assert.deepEqual(outcome(findings, "aws.apigateway.access-logging"), [
      "fail http/open",
      "fail shop/open",
      "fail socket/live",
      "pass http/hardened",
      "pass shop/hardened",
    ]);
    assert.deepEqual(outcome(findings, "aws.apigateway.execution-logging"), [
      "fail shop/open",
      "not_applicable http/hardened",
      "not_applicable http/open",
      "pass shop/hardened",
      "pass socket/live",
    ]);
  });

  it("EKS, ElastiCache and OpenSearch: defaults fail, hardened settings pass", () => {
    const expectations: Record<string, string[]> = {
      "aws.eks.public-endpoint-restricted": ["fail open", "pass hardened"],
      "aws.eks.control-plane-logging": ["fail open", "pass hardened"],
      "aws.eks.secrets-encryption": ["fail open", "pass hardened"],
      "aws.elasticache.encryption-at-rest": ["fail open", "pass hardened"],
      "aws.elasticache.encryption-in-transit": ["fail open", "pass hardened"],
      "aws.opensearch.encryption-at-rest": ["fail open", "pass hardened"],
      "aws.opensearch.node-to-node-encryption": ["fail open", "pass hardened"],
      "aws.opensearch.enforce-https": ["fail open", "pass hardened"],
      // The hardened domain's policy allows anyone too, but it sits in a VPC.
      "aws.opensearch.not-public": ["fail open 0", "pass hardened"],
    };
    for (const [checkId, expected] of Object.entries(expectations))
      assert.deepEqual(outcome(findings, checkId), expected, checkId);
  });

  it("a listing that fails makes every check of the six types report error, never pass", async () => {
    // Nothing listens on port 1: every call fails at once, without retries.
    const context = new AwsContext(
      { credentials: fromNodeProviderChain(), endpoint: "http://127.0.0.1:1", maxAttempts: 1 },
      ACCOUNT,
      [REGION],
    );
    const failed = await evaluate(
      mergeConcurrently(
        SERVICES.map((s) => () => s.collect(context, REGION)),
        SERVICES.length,
      ),
    );
    context.destroy();
    assert.deepEqual([...new Set(failed.resources.map((r) => r.type))].sort(), [...TYPES].sort());
    const checks = builtinChecks.filter((c) => c.resourceTypes.some((t) => TYPES.includes(t)));
    assert.equal(checks.length, 20);
    const statuses = new Map<string, Set<string>>();
    for (const f of failed.findings)
      statuses.set(f.checkId, (statuses.get(f.checkId) ?? new Set()).add(f.status));
    for (const check of checks) assert.deepEqual([...(statuses.get(check.id) ?? [])], ["error"], check.id);
    // Each failed listing is also a scan error naming the service (API Gateway lists REST and v2 APIs).
    assert.deepEqual(
      failed.errors
        .map((e) => e.source)
        .filter((source) => source.startsWith("aws/"))
        .sort(),
      [
        "aws/apigateway us-east-1",
        "aws/apigateway us-east-1",
        "aws/cloudfront",
        "aws/eks us-east-1",
        "aws/elasticache us-east-1",
        "aws/elbv2 us-east-1",
        "aws/opensearch us-east-1",
      ],
    );
  });

  it("a resource listed but not described reports error on every check of its type", async () => {
    const context = new AwsContext({ credentials: fromNodeProviderChain() }, ACCOUNT, [REGION]);
    const denied = Object.assign(new Error("not allowed"), { name: "AccessDeniedException" });
    async function* items(): AsyncGenerator<ResourceItem> {
      for (const [type, source, operation] of [
        ["aws.eks.cluster", "eks", "eks:DescribeCluster"],
        ["aws.opensearch.domain", "opensearch", "es:DescribeDomains"],
      ] as const)
        yield {
          resource: notDescribed(
            context,
            { type, id: `${type}/x`, name: "x", region: REGION, source, operation },
            denied,
          ),
        };
    }
    const { findings: described } = await evaluate(items());
    assert.deepEqual([...new Set(described.map((f) => `${f.checkId} ${f.status}`))].sort(), [
      "aws.eks.control-plane-logging error",
      "aws.eks.public-endpoint-restricted error",
      "aws.eks.secrets-encryption error",
      "aws.opensearch.encryption-at-rest error",
      "aws.opensearch.enforce-https error",
      "aws.opensearch.node-to-node-encryption error",
      "aws.opensearch.not-public error",
    ]);
    assert.match(described[0]?.message ?? "", /AccessDeniedException \(not allowed\)/);
  });
});
