/** Falco semantics of the condition language: operators, transformers, lists, macros, edge cases. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Engine } from "./engine.js";
import { RuleSet } from "./loader.js";
import { EventFactory } from "./readers.js";

const ct = {
  eventName: "PutObject",
  eventSource: "s3.amazonaws.com",
  eventTime: "2026-01-01T00:00:00.123456789Z",
  eventID: "id-1",
  awsRegion: "eu-west-1",
  sourceIPAddress: "10.1.2.3",
  userAgent: "Mozilla/5.0",
  userIdentity: { type: "IAMUser", userName: "Alice", arn: "arn:aws:iam::1:user/Alice" },
  requestParameters: {
    bucketName: "logs",
    key: "a/b/report.csv",
    userName: "Alice",
    encoded: "aGVsbG8gd29ybGQ=",
  },
  additionalEventData: { bytesTransferredIn: 1500 },
};

const k8s = {
  kind: "Event",
  apiVersion: "audit.k8s.io/v1",
  auditID: "a1",
  stage: "ResponseComplete",
  verb: "create",
  user: { username: "bob", groups: ["dev", "ops"] },
  objectRef: { resource: "pods", namespace: "default" },
  requestURI: "/api/v1/namespaces/default/pods?dryRun=All",
  requestObject: {
    spec: {
      containers: [
        { name: "a", image: "docker.io/library/nginx:1.27", securityContext: { privileged: true } },
        { name: "b", image: "busybox" },
      ],
      volumes: [{ name: "h", hostPath: { path: "/var/run/docker.sock" } }],
    },
  },
  sourceIPs: ["192.0.2.1"],
  stageTimestamp: "2026-01-01T00:00:00Z",
};

function load(yaml: string): Engine {
  const rs = new RuleSet();
  rs.loadText(yaml, "test.yaml");
  return Engine.fromRuleSet(rs);
}

function cond(condition: string, source = "aws_cloudtrail", extra = ""): Engine {
  return load(
    `${extra}\n- rule: r\n  desc: d\n  condition: ${JSON.stringify(condition)}\n  output: o\n  priority: INFO\n  source: ${source}\n`,
  );
}

function matches(
  condition: string,
  raw: Record<string, unknown> = ct,
  source = "aws_cloudtrail",
  extra = "",
): boolean {
  const engine = cond(condition, source, extra);
  assert.deepEqual(engine.errors, [], `compile errors for ${condition}`);
  return engine.process(new EventFactory().make(source, raw)).length > 0;
}

describe("condition operators on strings", () => {
  const cases: [string, boolean][] = [
    ["ct.name = PutObject", true],
    ["ct.name == 'PutObject'", true],
    ['ct.name != "PutObject"', false],
    ["ct.name contains Obj", true],
    ["ct.name contains obj", false],
    ["ct.name icontains OBJ", true],
    ["ct.name startswith Put", true],
    ["ct.name endswith Object", true],
    ["ct.name bcontains 4f626a", true],
    ["ct.name bstartswith 507574", true],
    ["ct.name bstartswith 4f", false],
    ['ct.name glob "Put*"', true],
    ['ct.name glob "P?tObj[a-e]ct"', true],
    ['ct.name glob "*Get*"', false],
    ["s3.key pmatch (/x, a/b)", true],
    ["s3.key pmatch (a/bb)", false],
    ["ct.name in (GetObject, PutObject)", true],
    ["ct.name in (GetObject)", false],
    ["ct.name intersects (PutObject, X)", true],
    ['ct.name regex "Put.*"', true],
    ['ct.name regex "Put"', false],
    ['ct.name regex "(?i)putobject"', true],
    ["ct.name < QQQ", true],
    ["ct.name > QQQ", false],
    ["ct.name <= PutObject", true],
    ["ct.name >= PutObjectZ", false],
    ["ct.error exists", false],
    ["ct.name exists", true],
  ];
  for (const [condition, expected] of cases)
    it(`${condition} → ${expected}`, () => assert.equal(matches(condition), expected));
});

describe("numbers, transformers and val()", () => {
  const cases: [string, boolean][] = [
    ["s3.bytes.in > 1000", true],
    ["s3.bytes.in >= 1500 and s3.bytes.in <= 1500", true],
    ["s3.bytes.in = 1500", true],
    ["s3.bytes.in in (1, 1500)", true],
    ["s3.bytes.in < 1000", false],
    ["evt.num = 1", true],
    ["tolower(ct.user) = alice", true],
    ["toupper(ct.name) = PUTOBJECT", true],
    ["basename(s3.key) = report.csv", true],
    ["len(ct.name) = 9", true],
    ["len(ct.name) > 20", false],
    ["b64(json.value[/requestParameters/encoded]) = 'hello world'", true],
    ["tolower(b64(json.value[/requestParameters/encoded])) contains world", true],
    ["ct.request.username = val(ct.user)", true],
    ["ct.request.username != val(ct.user)", false],
    ["ct.region = val(ct.error)", false],
  ];
  for (const [condition, expected] of cases)
    it(`${condition} → ${expected}`, () => assert.equal(matches(condition), expected));
});

describe("precedence, parentheses and missing fields", () => {
  it("not binds tighter than and, and tighter than or", () => {
    assert.equal(matches("not ct.name = X and ct.name = PutObject"), true);
    assert.equal(matches("ct.name = X and ct.name = Y or ct.name = PutObject"), true);
    assert.equal(matches("ct.name = X and (ct.name = Y or ct.name = PutObject)"), false);
    assert.equal(matches("not (ct.name = X or ct.name = PutObject)"), false);
    assert.equal(matches("not not ct.name = PutObject"), true);
  });
  it("a field that cannot be extracted makes every comparison false, even !=", () => {
    assert.equal(matches("ct.error = X"), false);
    assert.equal(matches("ct.error != X"), false);
    assert.equal(matches("ct.error contains ''"), false);
    assert.equal(matches("ct.error in (X)"), false);
    assert.equal(matches("not ct.error = X"), true);
    assert.equal(matches("json.value[/no/such] = x"), false);
    assert.equal(matches("tolower(ct.error) = x"), false);
  });
});

describe("list fields (k8s_audit)", () => {
  it("in needs every element in the set; intersects needs one; other operators match any element", () => {
    assert.equal(matches("ka.req.pod.containers.privileged intersects (true)", k8s, "k8s_audit"), true);
    assert.equal(matches("ka.req.pod.containers.privileged in (true)", k8s, "k8s_audit"), false);
    assert.equal(matches("ka.req.pod.containers.privileged in (true, false)", k8s, "k8s_audit"), true);
    assert.equal(matches("ka.user.groups = ops", k8s, "k8s_audit"), true);
    assert.equal(matches("ka.req.pod.containers.image[1] = busybox", k8s, "k8s_audit"), true);
    assert.equal(
      matches("ka.req.pod.containers.image.repository[0] = docker.io/library/nginx", k8s, "k8s_audit"),
      true,
    );
    assert.equal(matches("len(ka.req.pod.containers.image) = 2", k8s, "k8s_audit"), true);
    assert.equal(matches("ka.req.pod.volumes.hostpath pmatch (/var/run)", k8s, "k8s_audit"), true);
    assert.equal(matches("ka.uri.param[dryRun] = All", k8s, "k8s_audit"), true);
    assert.equal(matches("ka.sourceips intersects (192.0.2.1)", k8s, "k8s_audit"), true);
    assert.equal(matches("jevt.value[/user/username] = bob", k8s, "k8s_audit"), true);
  });
});

describe("lists and macros as Falco expands them", () => {
  const extra = `
- list: base_events
  items: [GetObject]
- list: more_events
  items: [base_events, PutObject]
- macro: is_put
  condition: ct.name in (more_events)
- macro: put_by_alice
  condition: is_put and tolower(ct.user) = alice
`;
  it("expands nested lists and macros", () => {
    assert.equal(matches("put_by_alice", ct, "aws_cloudtrail", extra), true);
    assert.equal(matches("ct.name in (base_events)", ct, "aws_cloudtrail", extra), false);
    assert.equal(matches("ct.name in (more_events, Other)", ct, "aws_cloudtrail", extra), true);
    assert.equal(matches('ct.name in ("more_events")', ct, "aws_cloudtrail", extra), false);
  });
  it("lists and macros may be defined after the rule that uses them", () => {
    const engine = load(`
- rule: r
  desc: d
  condition: late_macro
  output: o
  priority: INFO
  source: aws_cloudtrail
- macro: late_macro
  condition: ct.name in (late_list)
- list: late_list
  items: [PutObject]
`);
    assert.deepEqual(engine.errors, []);
    assert.equal(engine.process(new EventFactory().make("aws_cloudtrail", ct)).length, 1);
  });
});

describe("outputs", () => {
  it("renders %fields, <NA> for missing, lists in parentheses, evt.time as time of day", () => {
    const engine = load(`
- rule: r
  desc: d
  condition: ct.name = PutObject
  output: "user=%ct.user err=%ct.error key=%json.value[/requestParameters/key] t=%evt.time"
  priority: warning
  source: aws_cloudtrail
  tags: [a, T1530]
`);
    const [alert] = engine.process(new EventFactory().make("aws_cloudtrail", ct));
    assert.ok(alert);
    assert.equal(alert.output, "user=Alice err=<NA> key=a/b/report.csv t=00:00:00.123456789");
    assert.equal(alert.priority, "WARNING");
    assert.deepEqual(alert.tags, ["a", "T1530"]);
    assert.equal(alert.eventId, "id-1");
    assert.equal(alert.fields["ct.error"], null);
    assert.equal(alert.fields["json.value[/requestParameters/key]"], "a/b/report.csv");
  });
});

describe("load errors carry file, line and code, and the rest still loads", () => {
  it("reports unknown field, undefined macro, bad operator, bad regex and syntax errors", () => {
    const rs = new RuleSet();
    rs.loadText(
      `- rule: unknown field
  desc: d
  condition: ct.nosuch = 1
  output: o
  priority: INFO
  source: aws_cloudtrail
- rule: undefined macro
  desc: d
  condition: ct.name = X and no_such_macro
  output: o
  priority: INFO
  source: aws_cloudtrail
- rule: bad operator
  desc: d
  condition: s3.bytes contains 5
  output: o
  priority: INFO
  source: aws_cloudtrail
- rule: bad regex
  desc: d
  condition: ct.name regex "(a"
  output: o
  priority: INFO
  source: aws_cloudtrail
- rule: syntax
  desc: d
  condition: ct.name = (
  output: o
  priority: INFO
  source: aws_cloudtrail
- rule: bad output
  desc: d
  condition: ct.name = X
  output: "%ct.nosuch"
  priority: INFO
  source: aws_cloudtrail
- rule: bad priority
  desc: d
  condition: ct.name = X
  output: o
  priority: LOUD
  source: aws_cloudtrail
- rule: fine
  desc: d
  condition: ct.name = PutObject
  output: o
  priority: INFO
  source: aws_cloudtrail
`,
      "bad.yaml",
    );
    const engine = Engine.fromRuleSet(rs);
    const byItem = new Map(engine.errors.map((m) => [m.item, m]));
    assert.equal(byItem.get("rule unknown field")?.line, 3);
    assert.match(byItem.get("rule unknown field")?.message ?? "", /unknown field 'ct.nosuch'/);
    assert.equal(byItem.get("rule unknown field")?.code, "LOAD_ERR_COMPILE_CONDITION");
    assert.match(byItem.get("rule undefined macro")?.message ?? "", /undefined macro 'no_such_macro'/);
    assert.equal(byItem.get("rule undefined macro")?.line, 9);
    assert.match(byItem.get("rule bad operator")?.message ?? "", /not supported on numeric field/);
    assert.match(byItem.get("rule bad regex")?.message ?? "", /invalid regex/);
    assert.equal(byItem.get("rule syntax")?.line, 27);
    assert.equal(byItem.get("rule bad output")?.code, "LOAD_ERR_COMPILE_OUTPUT");
    assert.equal(byItem.get("rule bad priority")?.code, "LOAD_ERR_YAML_VALIDATE");
    assert.equal(byItem.get("rule bad priority")?.line, 37);
    assert.ok(engine.errors.every((m) => m.file === "bad.yaml"));
    assert.deepEqual(
      engine.rules.map((r) => r.name),
      ["fine"],
    );
  });

  it("reports YAML syntax errors with line and column", () => {
    const rs = new RuleSet();
    rs.loadText("- rule: x\n  desc: [unclosed\n", "broken.yaml");
    assert.equal(rs.errors[0]?.code, "LOAD_ERR_YAML_PARSE");
    assert.ok((rs.errors[0]?.line ?? 0) >= 2);
  });

  it("refuses YAML alias bombs", () => {
    const rs = new RuleSet();
    const bomb = `- list: a\n  items: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 120 }, (_, i) => `- list: l${i}\n  items: *a\n`).join("")}`;
    rs.loadText(bomb, "bomb.yaml");
    assert.ok(rs.messages.length === 0 || rs.errors.length >= 0);
    assert.ok(rs.lists.size <= 121);
  });
});

describe("append, override, exceptions, enabled", () => {
  const base = `
- list: users
  items: [alice]
- macro: m
  condition: ct.name = PutObject
- rule: r
  desc: d
  condition: m
  output: o
  priority: INFO
  source: aws_cloudtrail
  exceptions:
    - name: by_user
      fields: [ct.user, ct.region]
      comps: [=, in]
`;
  const event = (over: Record<string, unknown> = {}) =>
    new EventFactory().make("aws_cloudtrail", { ...ct, ...over });

  it("old-style append extends conditions and list items", () => {
    const engine = load(`${base}
- rule: r
  condition: and ct.user in (users)
  append: true
- list: users
  items: [Alice]
  append: true
`);
    assert.deepEqual(engine.errors, []);
    assert.equal(engine.process(event()).length, 1);
    assert.equal(engine.process(event({ userIdentity: { userName: "carol" } })).length, 0);
  });

  it("override: append and replace per field", () => {
    const engine = load(`${base}
- macro: m
  condition: ct.name = GetObject
  override:
    condition: replace
- rule: r
  priority: CRITICAL
  tags: [x]
  override:
    priority: replace
    tags: append
`);
    assert.deepEqual(engine.errors, []);
    assert.equal(engine.process(event()).length, 0);
    const [alert] = engine.process(event({ eventName: "GetObject" }));
    assert.equal(alert?.priority, "CRITICAL");
    assert.deepEqual(alert?.tags, ["x"]);
  });

  it("exceptions in tuple and single-field form, appended values and list names", () => {
    const engine = load(`${base}
- list: regions
  items: [eu-west-1]
- rule: r
  exceptions:
    - name: by_user
      values:
        - [Alice, (regions)]
    - name: by_agent
      fields: ct.useragent
      comps: startswith
      values: [curl]
  override:
    exceptions: append
`);
    assert.deepEqual(engine.errors, []);
    assert.equal(engine.process(event()).length, 0, "excepted by tuple (Alice, eu-west-1)");
    assert.equal(engine.process(event({ awsRegion: "us-east-1" })).length, 1);
    assert.equal(
      engine.process(event({ awsRegion: "us-east-1", userAgent: "curl/8" })).length,
      0,
      "excepted by startswith curl",
    );
  });

  it("exceptions single-field with a list of values", () => {
    const engine = load(`
- rule: r
  desc: d
  condition: ct.name = PutObject
  output: o
  priority: INFO
  source: aws_cloudtrail
  exceptions:
    - name: agents
      fields: ct.useragent
      values: [Mozilla/5.0, curl]
`);
    assert.deepEqual(engine.errors, []);
    assert.equal(engine.process(event()).length, 0);
    assert.equal(engine.process(event({ userAgent: "boto3" })).length, 1);
  });

  it("enabled: false alone disables an earlier rule; override enabled re-enables", () => {
    const off = load(`${base}\n- rule: r\n  enabled: false\n`);
    assert.equal(off.rules.length, 0);
    const on = load(
      `${base}\n- rule: r\n  enabled: false\n- rule: r\n  enabled: true\n  override:\n    enabled: replace\n`,
    );
    assert.equal(on.rules.length, 1);
  });

  it("append to an undefined item is an error with its line", () => {
    const rs = new RuleSet();
    rs.loadText("- rule: nope\n  condition: and x\n  append: true\n", "a.yaml");
    assert.equal(rs.errors[0]?.code, "LOAD_ERR_VALIDATE");
    assert.equal(rs.errors[0]?.line, 1);
  });

  it("accepts integer and semver required_engine_version, rejects other types", () => {
    const rs = new RuleSet();
    rs.loadText(
      "- required_engine_version: 10\n- required_engine_version: 0.31.0\n- required_engine_version: [1]\n",
      "v.yaml",
    );
    assert.equal(rs.errors.length, 1);
    assert.equal(rs.errors[0]?.line, 3);
  });
});

describe("rule index", () => {
  it("tests an event only against rules that can match its event name", () => {
    const rules = Array.from(
      { length: 200 },
      (_, i) =>
        `- rule: r${i}\n  desc: d\n  condition: ct.name = Name${i} and ct.user exists\n  output: o\n  priority: INFO\n  source: aws_cloudtrail\n`,
    ).join("");
    const engine = load(
      `${rules}- rule: any\n  desc: d\n  condition: not ct.error exists\n  output: o\n  priority: INFO\n  source: aws_cloudtrail\n`,
    );
    const event = new EventFactory().make("aws_cloudtrail", { ...ct, eventName: "Name7" });
    assert.deepEqual(
      engine.candidates(event).map((r) => r.name),
      ["r7", "any"],
    );
    assert.deepEqual(
      engine.process(event).map((a) => a.rule),
      ["r7", "any"],
    );
  });
});

describe("Falco's own alerts and Azure Activity events", () => {
  it("rules on Falco output: output_fields by name, numbers stay numbers, falco.* fields", () => {
    const falcoAlert = {
      time: "2026-01-01T00:00:00.000000000Z",
      rule: "Terminal shell in container",
      priority: "Notice",
      source: "syscall",
      hostname: "node-1",
      tags: ["container", "shell"],
      output: "A shell was spawned",
      output_fields: {
        "proc.name": "bash",
        "proc.pid": 4242,
        "container.id": "abc123",
        "k8s.ns.name": "prod",
        "user.name": "root",
      },
    };
    const yes = (condition: string) => matches(condition, falcoAlert, "syscall");
    assert.equal(yes("proc.name = bash and k8s.ns.name = prod"), true);
    assert.equal(yes("proc.pid > 4000 and proc.pid < 5000"), true);
    assert.equal(yes("proc.pid = 4242"), true);
    assert.equal(yes("falco.rule = 'Terminal shell in container' and falco.tags intersects (shell)"), true);
    assert.equal(yes("fd.name exists"), false);
    assert.equal(yes("fd.name != x"), false);
    const engine = load(
      "- rule: enrich\n  desc: d\n  condition: falco.priority = Notice and k8s.ns.name = prod\n  output: shell in %container.id by %user.name (%fd.name)\n  priority: WARNING\n  source: syscall\n",
    );
    const [alert] = engine.process(new EventFactory().make("syscall", falcoAlert));
    assert.equal(alert?.output, "shell in abc123 by root (<NA>)");
  });

  it("Azure: both the Monitor export and the REST API shapes", () => {
    const rest = {
      caller: "mallory@contoso.com",
      operationName: { value: "Microsoft.KeyVault/vaults/delete", localizedValue: "Delete Key Vault" },
      status: { value: "Succeeded" },
      resourceId: "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.KeyVault/vaults/kv1",
      httpRequest: { clientIpAddress: "203.0.113.4" },
      eventTimestamp: "2026-01-01T00:00:00Z",
    };
    const yes = (condition: string) => matches(condition, rest, "azure_activity");
    assert.equal(yes('azure.operationName = "MICROSOFT.KEYVAULT/VAULTS/DELETE"'), true);
    assert.equal(yes("azure.status = Succeeded and azure.caller = mallory@contoso.com"), true);
    assert.equal(yes("azure.subscriptionId = sub-1 and azure.resourceGroup = rg-1"), true);
    assert.equal(
      yes("azure.resourceProvider = Microsoft.KeyVault and azure.callerIpAddress = 203.0.113.4"),
      true,
    );
  });
});

describe("user patterns cannot blow up", () => {
  it("regex runs in linear time (RE2): a catastrophic-backtracking pattern on a long value", () => {
    const long = `${"a".repeat(20_000)}!`;
    assert.equal(
      matches('json.value[/requestParameters/v] regex "(a+)+$"', { ...ct, requestParameters: { v: long } }),
      false,
    );
    assert.equal(
      matches('json.value[/requestParameters/v] regex "(a|aa)*!"', { ...ct, requestParameters: { v: long } }),
      true,
    );
  });
  it("glob with many stars on a long value", () => {
    const long = "a".repeat(20_000);
    assert.equal(
      matches('json.value[/requestParameters/v] glob "*a*a*a*a*a*a*a*a*b"', {
        ...ct,
        requestParameters: { v: long },
      }),
      false,
    );
  });
  it("RE2 refuses backreferences and lookarounds at load time", () => {
    const engine = cond('ct.name regex "(a)\\\\1"');
    assert.equal(engine.errors[0]?.code, "LOAD_ERR_COMPILE_CONDITION");
    assert.match(engine.errors[0]?.message ?? "", /invalid regex/);
  });
});

describe("errors inside macros and skip-if-unknown-filter", () => {
  it("an error in a macro is reported at the macro's condition line, naming the rule", () => {
    const rs = new RuleSet();
    rs.loadText(
      "- macro: broken\n  condition: ct.nosuch = 1\n- rule: r\n  desc: d\n  condition: ct.name = X and broken\n  output: o\n  priority: INFO\n  source: aws_cloudtrail\n",
      "m.yaml",
    );
    const [error] = Engine.fromRuleSet(rs).errors;
    assert.equal(error?.line, 2);
    assert.equal(error?.item, "rule r (in macro broken)");
    assert.match(error?.message ?? "", /unknown field 'ct.nosuch'/);
  });

  it("skip-if-unknown-filter turns an unknown field into a warning and skips the rule", () => {
    const rs = new RuleSet();
    rs.loadText(
      "- rule: r\n  desc: d\n  condition: ct.future_field = 1\n  output: o\n  priority: INFO\n  source: aws_cloudtrail\n  skip-if-unknown-filter: true\n",
      "s.yaml",
    );
    const engine = Engine.fromRuleSet(rs);
    assert.deepEqual(engine.errors, []);
    assert.equal(engine.messages[0]?.code, "LOAD_UNKNOWN_FILTER");
    assert.equal(engine.rules.length, 0);
  });

  it("an unknown source is a warning and the rule is skipped", () => {
    const engine = load(
      "- rule: r\n  desc: d\n  condition: x.y = 1\n  output: o\n  priority: INFO\n  source: carrier_pigeon\n",
    );
    assert.equal(engine.messages[0]?.code, "LOAD_UNKNOWN_SOURCE");
    assert.equal(engine.errors.length, 0);
  });
});
