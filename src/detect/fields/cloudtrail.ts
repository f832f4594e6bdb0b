import type { DetectEvent } from "../types.js";
import {
  asArray,
  evtFields,
  type FieldDef,
  field,
  get,
  jsonFields,
  pathField,
  type SourceFields,
  table,
  text,
} from "./common.js";

const req = (e: DetectEvent, key: string) => text(get(e.raw, "requestParameters", key));
const reqField = (name: string, key: string, desc: string) =>
  field(`ct.request.${name}`, "string", desc, (e) => req(e, key));

/** The user name as the cloudtrail plugin derives it: userName, then the session issuer, then the identity type. */
export function cloudtrailUser(e: DetectEvent): string | undefined {
  const identity = get(e.raw, "userIdentity");
  if (identity === undefined) return undefined;
  const name = text(get(identity, "userName"));
  if (name) return name;
  const issuer = text(get(identity, "sessionContext", "sessionIssuer", "userName"));
  if (issuer) return issuer;
  const type = text(get(identity, "type"));
  if (type === "Root") return "root";
  if (type === "AWSService") return text(get(identity, "invokedBy"));
  const principal = text(get(identity, "principalId"));
  return principal?.includes(":") ? principal.split(":")[1] : principal;
}

const bytes = (e: DetectEvent, key: string) => {
  const value = get(e.raw, "additionalEventData", key);
  return typeof value === "number" ? value : undefined;
};

const ioName = (e: DetectEvent) => text(get(e.raw, "eventName"));

function ec2Name(e: DetectEvent): string | undefined {
  for (const spec of asArray(get(e.raw, "requestParameters", "tagSpecificationSet", "items")))
    for (const tag of asArray(get(spec, "tags")))
      if (get(tag, "key") === "Name") return text(get(tag, "value"));
  return undefined;
}

const cloudtrail: FieldDef[] = [
  pathField("ct.id", "the unique ID of the cloudtrail event (eventID)", "eventID"),
  pathField("ct.error", "the error code of the event; not extractable when there was none", "errorCode"),
  pathField("ct.errormessage", "the error message; not extractable when there was none", "errorMessage"),
  pathField("ct.time", "the event time (eventTime)", "eventTime"),
  pathField("ct.src", "the event source (eventSource)", "eventSource"),
  field("ct.shortsrc", "string", "eventSource without .amazonaws.com", (e) =>
    text(get(e.raw, "eventSource"))?.replace(/\.amazonaws\.com$/, ""),
  ),
  pathField("ct.name", "the event name (eventName)", "eventName"),
  field("ct.user", "string", "the user (userIdentity.userName, else the session issuer)", cloudtrailUser),
  pathField("ct.user.accountid", "the account id of the user", "userIdentity", "accountId"),
  pathField(
    "ct.user.identitytype",
    "the identity type (Root, IAMUser, AssumedRole…)",
    "userIdentity",
    "type",
  ),
  pathField("ct.user.principalid", "the principal id of the user", "userIdentity", "principalId"),
  pathField("ct.user.arn", "the ARN of the user", "userIdentity", "arn"),
  pathField("ct.region", "the region (awsRegion)", "awsRegion"),
  pathField("ct.response.subnetid", "the subnet id in the response", "responseElements", "subnetId"),
  pathField(
    "ct.response.reservationid",
    "the reservation id in the response",
    "responseElements",
    "reservationId",
  ),
  pathField("ct.response", "all response elements, as JSON", "responseElements"),
  reqField("availabilityzone", "availabilityZone", "the availability zone in the request"),
  reqField("cluster", "cluster", "the cluster in the request"),
  reqField("functionname", "functionName", "the function name in the request"),
  reqField("groupname", "groupName", "the group name in the request"),
  reqField("host", "host", "the host in the request"),
  reqField("name", "name", "the name of the entity acted on"),
  reqField("policy", "policy", "the policy in the request"),
  reqField("serialnumber", "serialNumber", "the serial number in the request"),
  reqField("servicename", "serviceName", "the service name in the request"),
  reqField("subnetid", "subnetId", "the subnet id in the request"),
  reqField("taskdefinition", "taskDefinition", "the task definition in the request"),
  reqField("username", "userName", "the user name in the request"),
  reqField("documentname", "documentName", "the SSM document name in the request"),
  pathField("ct.request", "all request parameters, as JSON", "requestParameters"),
  pathField("ct.srcip", "the source IP address (sourceIPAddress)", "sourceIPAddress"),
  pathField("ct.useragent", "the user agent", "userAgent"),
  field("ct.info", "string", "one-line summary of the event", (e) => {
    const parts = [text(get(e.raw, "eventName")), cloudtrailUser(e), text(get(e.raw, "awsRegion"))];
    return parts.filter(Boolean).join(" ");
  }),
  field("ct.managementevent", "string", "'true' for management events", (e) => {
    const value = get(e.raw, "managementEvent");
    if (value !== undefined) return String(value);
    const type = text(get(e.raw, "eventType"));
    return type
      ? String(["AwsApiCall", "AwsConsoleAction", "AwsConsoleSignIn", "AwsServiceEvent"].includes(type))
      : undefined;
  }),
  pathField("ct.readonly", "'true' when the event only reads", "readOnly"),
  pathField("ct.requestid", "the request id", "requestID"),
  pathField("ct.eventtype", "the event type (AwsApiCall…)", "eventType"),
  pathField("ct.apiversion", "the API version", "apiVersion"),
  pathField("ct.resources", "the resources accessed, as JSON", "resources"),
  pathField("ct.recipientaccountid", "the account that received the event", "recipientAccountId"),
  pathField("ct.serviceeventdetails", "service event details, as JSON", "serviceEventDetails"),
  pathField("ct.sharedeventid", "the shared event id", "sharedEventID"),
  pathField("ct.vpcendpointid", "the VPC endpoint", "vpcEndpointId"),
  pathField("ct.eventcategory", "the event category", "eventCategory"),
  pathField("ct.addendum.reason", "addendum reason", "addendum", "reason"),
  pathField("ct.addendum.updatedfields", "addendum updated fields", "addendum", "updatedFields"),
  pathField("ct.addendum.originalrequestid", "addendum original request id", "addendum", "originalRequestID"),
  pathField("ct.addendum.originaleventid", "addendum original event id", "addendum", "originalEventID"),
  pathField(
    "ct.sessioncredentialfromconsole",
    "whether the session came from the console",
    "sessionCredentialFromConsole",
  ),
  pathField("ct.edgedevicedetails", "edge device details, as JSON", "edgeDeviceDetails"),
  pathField("ct.tlsdetails.tlsversion", "TLS version", "tlsDetails", "tlsVersion"),
  pathField("ct.tlsdetails.ciphersuite", "TLS cipher suite", "tlsDetails", "cipherSuite"),
  pathField(
    "ct.tlsdetails.clientprovidedhostheader",
    "client-provided host header",
    "tlsDetails",
    "clientProvidedHostHeader",
  ),
  pathField("ct.additionaleventdata", "additional event data, as JSON", "additionalEventData"),
  field("s3.uri", "string", "s3://bucket/key", (e) => {
    const bucket = req(e, "bucketName");
    const key = req(e, "key");
    return bucket && key ? `s3://${bucket}/${key}` : undefined;
  }),
  field("s3.bucket", "string", "the bucket name", (e) => req(e, "bucketName")),
  field("s3.key", "string", "the object key", (e) => req(e, "key")),
  field("s3.bytes", "uint64", "bytes transferred in and out", (e) => {
    const i = bytes(e, "bytesTransferredIn");
    const o = bytes(e, "bytesTransferredOut");
    return i === undefined && o === undefined ? undefined : (i ?? 0) + (o ?? 0);
  }),
  field("s3.bytes.in", "uint64", "bytes uploaded", (e) => bytes(e, "bytesTransferredIn")),
  field("s3.bytes.out", "uint64", "bytes downloaded", (e) => bytes(e, "bytesTransferredOut")),
  field("s3.cnt.get", "uint64", "1 for GetObject, else 0", (e) => (ioName(e) === "GetObject" ? 1 : 0)),
  field("s3.cnt.put", "uint64", "1 for PutObject, else 0", (e) => (ioName(e) === "PutObject" ? 1 : 0)),
  field("s3.cnt.other", "uint64", "1 for all but GetObject/PutObject", (e) =>
    ioName(e) === "GetObject" || ioName(e) === "PutObject" ? 0 : 1,
  ),
  field("ec2.name", "string", "the Name tag of the instances in the request", ec2Name),
  field("ec2.imageid", "string", "the image id of the first instance in the response", (e) =>
    text(get(asArray(get(e.raw, "responseElements", "instancesSet", "items"))[0], "imageId")),
  ),
  field("ecr.repository", "string", "the ECR repository in the request", (e) => req(e, "repositoryName")),
  field("ecr.imagetag", "string", "the image tag in the request", (e) => req(e, "imageTag")),
];

export const CLOUDTRAIL: SourceFields = {
  source: "aws_cloudtrail",
  fields: table([...evtFields("cloudtrail"), ...jsonFields("json"), ...cloudtrail]),
  indexField: "ct.name",
  eventId: (e) => text(e.raw.eventID),
  actor: (e) => text(get(e.raw, "userIdentity", "arn")) ?? cloudtrailUser(e),
  resource: (e) => {
    const first = asArray(e.raw.resources)[0];
    return (
      text(get(first, "ARN")) ??
      req(e, "bucketName") ??
      req(e, "name") ??
      req(e, "userName") ??
      req(e, "groupId") ??
      text(e.raw.recipientAccountId)
    );
  },
};
