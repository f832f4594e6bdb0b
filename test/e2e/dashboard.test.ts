/**
 * End-to-end: `mamori serve --demo` in a child process, driven in Debian's
 * Chromium through playwright-core. Signs in with the printed token, reads
 * the overview, filters findings, mutes one, opens a compliance report,
 * expands an incident, drills vulnerabilities to an advisory, uploads an
 * IaC archive on the Scans view and follows its job, and saves a
 * screenshot of each main view (MAMORI_SCREENSHOTS or a temp folder).
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { makeTar } from "../../src/sources/image/build.test-helpers.js";

const root = join(import.meta.dirname, "..", "..");
const CHROMIUM = process.env.MAMORI_CHROMIUM ?? "/usr/bin/chromium";
const shots = process.env.MAMORI_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), "mamori-e2e-screenshots-"));

/** The dashboard is built by `npm run build`; build it here when a test run starts from a clean tree. */
function ensureDashboardBuilt(): void {
  if (existsSync(join(root, "dist", "web", "index.html"))) return;
  const vite = join(root, "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(
    process.execPath,
    [vite, "build", "--config", join(root, "web", "vite.config.ts")],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  assert.equal(result.status, 0, `building the dashboard failed:\n${result.stderr}`);
}

interface Served {
  child: ChildProcess;
  url: string;
  token: string;
  stderr: () => string;
}

/** Starts the demo server on a free port and resolves once it printed its address and token. */
function serveDemo(extraArgs: string[] = []): Promise<Served> {
  const { DATABASE_URL: _, ...env } = process.env;
  const child = spawn(
    process.execPath,
    [
      "--import",
      import.meta.resolve("tsx"),
      join(root, "src", "cli", "bin.ts"),
      "serve",
      "--demo",
      "--port",
      "0",
      "--log-level",
      "warn",
      ...extraArgs,
    ],
    { cwd: root, env, stdio: ["ignore", "ignore", "pipe"] },
  );
  let text = "";
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      text += chunk;
      const url = /is serving (https?:\/\/\S+)/.exec(text)?.[1];
      const token = /Admin token \(shown once, keep it safe\): (mamori_\S+)/.exec(text)?.[1];
      if (url && token && text.includes("Dashboard:")) resolve({ child, url, token, stderr: () => text });
    });
    child.on("exit", (code) => reject(new Error(`mamori serve --demo exited with ${code}:\n${text}`)));
  });
}

/** One Terraform file with a bucket whose ACL lets anyone read it. */
const PUBLIC_BUCKET_TF = `resource "aws_s3_bucket" "site" {
  bucket = "acme-e2e-public-site"
  acl    = "public-read"
}
`;

/** A filter's select, found by the start of its label (a wrapping label's name also holds the options' text). */
function filter(page: Page, label: string) {
  return page.locator("label", { hasText: new RegExp(`^${label}`) }).locator("select");
}

describe("dashboard in Chromium on mamori serve --demo", () => {
  let served: Served;
  /** A second demo server, with --accounts, for the "Scan now" path. */
  let withAccounts: Served | undefined;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  before(async () => {
    ensureDashboardBuilt();
    mkdirSync(shots, { recursive: true });
    served = await serveDemo();
    profile = mkdtempSync(join(tmpdir(), "mamori-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    if (served && served.child.exitCode === null) {
      served.child.kill("SIGKILL");
    }
    if (withAccounts && withAccounts.child.exitCode === null) withAccounts.child.kill("SIGKILL");
  });

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${served.url}${path}`, {
      headers: { authorization: `Bearer ${served.token}` },
    });
    assert.equal(response.status, 200, path);
    return (await response.json()) as T;
  };

  it("signs in with the printed token and shows the overview", async () => {
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await page.goto(served.url);
    await page.getByLabel("API token").fill("mamori_wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    await page.getByLabel("API token").fill(served.token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    const summary = await api<{ findings: { open: Record<string, number> } }>("/api/v1/posture/summary");
    const open = Object.values(summary.findings.open).reduce((a, b) => a + b, 0);
    assert.ok(open > 0);
    assert.equal(await page.getByTestId("open-findings").textContent(), String(open));
    await page.getByRole("cell", { name: "CIS Amazon Web Services Foundations Benchmark" }).waitFor();
    await page.screenshot({ path: join(shots, "overview.png"), fullPage: true });
    // A CSP violation or a failed asset would show here.
    assert.deepEqual(
      consoleErrors.filter((e) => !e.includes("401")),
      [],
    );
  });

  it("filters findings by severity and mutes one", async () => {
    await page.getByRole("link", { name: "Findings" }).click();
    await page.getByRole("heading", { name: "Findings" }).waitFor();
    await filter(page, "Severity").selectOption("critical");
    const critical = await api<{ total: number }>("/api/v1/findings?state=open&severity=critical&limit=1");
    await page
      .getByTestId("findings-total")
      .filter({ hasText: `${critical.total} findings` })
      .waitFor();
    await page.screenshot({ path: join(shots, "findings.png"), fullPage: true });

    // Keyboard: focus the first Mute button and press Enter.
    const mute = page.getByRole("button", { name: /^Mute / }).first();
    await mute.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Mute finding" });
    await dialog.waitFor();
    await dialog.getByLabel("Reason").fill("compensating control: CloudFront in front");
    await dialog.getByLabel(/^Owner/).fill("e2e@example.com");
    await page.screenshot({ path: join(shots, "mute-dialog.png") });
    await dialog.getByRole("button", { name: "Mute" }).click();
    await page
      .getByTestId("findings-total")
      .filter({ hasText: `${critical.total - 1} findings` })
      .waitFor();
    const muted = await api<{ items: { mute: { owner: string; reason: string } }[]; total: number }>(
      "/api/v1/findings?state=muted",
    );
    assert.equal(muted.total, 1);
    assert.equal(muted.items[0]?.mute.owner, "e2e@example.com");
    await filter(page, "State").selectOption("muted");
    await page.getByRole("button", { name: /^Unmute / }).waitFor();
  });

  it("walks compliance from framework to control evidence and opens the HTML report", async () => {
    await page.getByRole("link", { name: "Compliance" }).click();
    await page.getByRole("heading", { name: "Compliance" }).waitFor();
    await filter(page, "Show").selectOption("fail");
    const firstFailing = page.locator("table").last().getByRole("button").first();
    const controlId = (await firstFailing.textContent()) ?? "";
    await firstFailing.click();
    await page
      .getByRole("region", { name: `control ${controlId}` })
      .getByRole("cell", { name: "fail" })
      .first()
      .waitFor();
    await page.screenshot({ path: join(shots, "compliance.png"), fullPage: true });
    const [report] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("button", { name: "Open HTML" }).click(),
    ]);
    await report.waitForLoadState();
    await report.getByRole("heading", { name: "CIS Amazon Web Services Foundations Benchmark" }).waitFor();
    assert.match(await report.content(), new RegExp(controlId.replace(/\./g, "\\.")));
    await report.screenshot({ path: join(shots, "compliance-report.png"), fullPage: true });
    await report.close();
  });

  it("shows the inventory with a resource's detail, the alerts timeline and the query console", async () => {
    await page.getByRole("link", { name: "Inventory" }).click();
    await page.getByRole("heading", { name: "Inventory" }).waitFor();
    await page.getByLabel("Search").fill("acme-website");
    await page.getByRole("link", { name: "acme-website-assets" }).click();
    await page.getByRole("heading", { name: "acme-website-assets" }).waitFor();
    await page.getByRole("heading", { name: "History" }).waitFor();
    await page.screenshot({ path: join(shots, "inventory-detail.png"), fullPage: true });

    await page.getByRole("link", { name: "Alerts" }).click();
    await page.getByText("Detect outbound connections to common miner pool ports").waitFor();
    // The demo's audit EventList went through the webhook and the built-in k8s rules.
    await page.getByText("K8s Exec Into Pod").waitFor();
    await page.screenshot({ path: join(shots, "alerts.png"), fullPage: true });

    await page.getByRole("link", { name: "Query" }).click();
    await page.getByRole("button", { name: "Run" }).click();
    await page.getByRole("columnheader", { name: "severity" }).waitFor();
    await page.screenshot({ path: join(shots, "query.png"), fullPage: true });

    // Dark theme: the toggle cycles auto → dark.
    await page.getByRole("button", { name: /^theme: auto/ }).click();
    await page.getByRole("link", { name: "Overview" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
    await page.screenshot({ path: join(shots, "overview-dark.png"), fullPage: true });
  });

  it("shows incidents on a timeline and drills vulnerabilities down to an advisory, by keyboard, dark and light", async () => {
    // The previous test left the dark theme on.
    await page.getByRole("link", { name: "Incidents" }).click();
    await page.getByRole("heading", { name: "Incidents" }).waitFor();
    const incidents = await api<{ total: number; items: { actor: string; alerts: number }[] }>(
      "/api/v1/incidents",
    );
    assert.ok(incidents.total > 0);
    await page
      .getByTestId("incidents-total")
      .filter({ hasText: `${incidents.total} incidents` })
      .waitFor();
    const mallory = incidents.items.find((i) => i.actor === "mallory@example.com");
    assert.ok(mallory, "the demo's Kubernetes attack is one incident");
    const show = page.getByRole("button", { name: `Show ${mallory.alerts} alerts` });
    await show.focus();
    await page.keyboard.press("Enter");
    await page
      .getByRole("list", { name: /^alerts of incident/ })
      .getByText("K8s Exec Into Pod")
      .waitFor();
    await page.screenshot({ path: join(shots, "incidents-dark.png"), fullPage: true });
    await filter(page, "Priority").selectOption("CRITICAL");
    await page.getByTestId("incidents-total").filter({ hasText: "1 incidents" }).waitFor();

    await page.getByRole("link", { name: "Vulnerabilities" }).click();
    await page.getByRole("heading", { name: "Vulnerabilities", exact: true }).waitFor();
    const images = await api<{ items: { name: string; bySeverity: Record<string, number> }[] }>(
      "/api/v1/vulnerabilities/images",
    );
    assert.ok(images.items.length >= 2, "the demo's SBOMs are scanned");
    const image = page.getByRole("link", { name: "registry.example/payments-api:1.4" });
    await image.focus();
    await page.keyboard.press("Enter");
    await page
      .getByRole("heading", { name: "Vulnerable packages in registry.example/payments-api:1.4" })
      .waitFor();
    await page.getByRole("table", { name: "vulnerable packages" }).getByRole("row").nth(1).waitFor();
    await page.getByRole("table", { name: "vulnerabilities" }).getByRole("row").nth(1).waitFor();
    await page.screenshot({ path: join(shots, "vulnerabilities-image-dark.png"), fullPage: true });
    await page.getByRole("link", { name: /^golang\.org\/x\/crypto .*: vulnerabilities$/ }).click();
    await page
      .getByRole("heading", { name: "golang.org/x/crypto in registry.example/payments-api:1.4" })
      .waitFor();
    await page.getByRole("link", { name: "CVE-2024-45337" }).click();
    const advisory = page.getByRole("region", { name: "vulnerability CVE-2024-45337" });
    await advisory.getByText(/Also known as .*GHSA-v778-237x-gjrc/).waitFor();
    // The breadcrumb keeps the way back: image › package › advisory.
    await page
      .getByRole("navigation", { name: "breadcrumb" })
      .getByRole("link", { name: "golang.org/x/crypto" })
      .waitFor();
    await page.screenshot({ path: join(shots, "vulnerability-advisory-dark.png"), fullPage: true });

    // Light theme: the toggle cycles dark → light.
    await page.getByRole("button", { name: /^theme: dark/ }).click();
    assert.equal(await page.locator("html").getAttribute("data-theme"), "light");
    await page.getByRole("link", { name: "All images" }).click();
    await page.getByRole("link", { name: "registry.example/web-frontend:2.1" }).waitFor();
    await filter(page, "Severity").selectOption("critical");
    await page
      .getByRole("link", { name: "registry.example/web-frontend:2.1" })
      .waitFor({ state: "detached" });
    await page.getByRole("link", { name: "registry.example/payments-api:1.4" }).waitFor();
    await page.screenshot({ path: join(shots, "vulnerabilities.png"), fullPage: true });
    await page.getByRole("link", { name: "Incidents" }).click();
    await page
      .getByTestId("incidents-total")
      .filter({ hasText: `${incidents.total} incidents` })
      .waitFor();
    await page.getByRole("button", { name: "Show 2 alerts" }).click();
    await page
      .getByRole("list", { name: /^alerts of incident/ })
      .getByText("Read sensitive file untrusted")
      .waitFor();
    await page.screenshot({ path: join(shots, "incidents.png"), fullPage: true });
  });

  it("uploads an IaC archive on the Scans view and follows the job to its findings, light and dark", async () => {
    // The previous test left the light theme on.
    await page.getByRole("link", { name: "Scans", exact: true }).click();
    await page.getByRole("heading", { name: "Scans", exact: true }).waitFor();
    // The demo server has no --accounts: the section says how to configure them.
    await page.getByTestId("accounts-empty").getByText("mamori serve --accounts accounts.yaml").waitFor();
    const history = page.getByRole("table", { name: "scan history" });
    const scans = await api<{ total: number; items: { target: string }[] }>("/api/v1/scans?limit=1");
    assert.ok(scans.total > 0, "the demo recorded scans");
    await history
      .getByRole("cell", { name: scans.items[0]?.target ?? "" })
      .first()
      .waitFor();
    await page.screenshot({ path: join(shots, "scans-no-accounts.png"), fullPage: true });

    // Sending without a file is refused in the form, not by the server.
    const upload = page.getByRole("form", { name: "upload a file to scan" });
    await upload.getByRole("button", { name: "Upload and scan" }).click();
    await upload.getByRole("alert").filter({ hasText: "File: choose" }).waitFor();

    const archive = gzipSync(await makeTar([{ name: "site/main.tf", content: PUBLIC_BUCKET_TF }]));
    await upload
      .getByLabel("File")
      .setInputFiles({ name: "e2e-site.tar.gz", mimeType: "application/gzip", buffer: archive });
    assert.equal(await upload.getByLabel("Kind").inputValue(), "iac");
    await upload.getByLabel(/^Name/).fill("e2e-site");
    // Keyboard: focus the submit button and press Enter.
    await upload.getByRole("button", { name: "Upload and scan" }).focus();
    await page.keyboard.press("Enter");
    const status = page.getByTestId("job-status");
    await status.filter({ hasText: "completed" }).waitFor();
    const jobs = await api<{
      items: { kind: string; status: string; result: { summary: { byStatus: { fail: number } } } }[];
    }>("/api/v1/jobs?limit=1");
    const job = jobs.items[0];
    assert.equal(job?.kind, "iac-scan");
    assert.equal(job.status, "completed");
    const failing = job.result.summary.byStatus.fail;
    assert.ok(failing > 0, "a public bucket fails checks");
    await status.filter({ hasText: `${failing} failing findings` }).waitFor();
    const log = page.getByRole("list", { name: "job log" });
    await log.getByText("unpacked tar: 1 files").waitFor();
    await log.getByText(/^scan .* completed: 1 IaC files/).waitFor();
    // The history follows once the job has ended, and the findings are in the store.
    await history.getByRole("cell", { name: "e2e-site", exact: true }).waitFor();
    const findings = await api<{ total: number }>(
      "/api/v1/findings?q=site/main.tf&state=open&checkId=aws.s3.no-public-acl",
    );
    assert.ok(findings.total >= 1, "the bucket's public ACL is a finding");
    await page.screenshot({ path: join(shots, "scans-job.png"), fullPage: true });

    // Dark theme: the toggle cycles light → auto → dark.
    await page.getByRole("button", { name: /^theme: light/ }).click();
    await page.getByRole("button", { name: /^theme: auto/ }).click();
    assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
    await page.screenshot({ path: join(shots, "scans-job-dark.png"), fullPage: true });
    await page.getByRole("button", { name: "Close" }).click();
    await status.waitFor({ state: "detached" });
    await page
      .getByRole("table", { name: "jobs" })
      .getByRole("link", { name: /^iac-scan job/ })
      .first()
      .waitFor();
    await page.screenshot({ path: join(shots, "scans-dark.png"), fullPage: true });
  });

  it("shows viewers the Scans view with starting scans disabled", async () => {
    const response = await fetch(`${served.url}/api/v1/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${served.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "e2e-viewer", role: "viewer" }),
    });
    assert.equal(response.status, 201);
    const { token } = (await response.json()) as { token: string };
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API token").fill(token);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Scans", exact: true }).waitFor();
    const upload = page.getByRole("form", { name: "upload a file to scan" });
    const submit = upload.getByRole("button", { name: "Upload and scan" });
    assert.equal(await submit.isDisabled(), true);
    await upload.getByText("Starting scans needs an analyst or admin token.").waitFor();
    await page.screenshot({ path: join(shots, "scans-viewer-dark.png"), fullPage: true });
    // The jobs and the history stay readable.
    await page
      .getByRole("table", { name: "jobs" })
      .getByRole("link", { name: /^iac-scan job/ })
      .first()
      .click();
    await page.getByRole("list", { name: "job log" }).getByText("unpacked tar: 1 files").waitFor();
  });

  it("scans a configured account with Scan now; a viewer sees the button disabled with a hint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mamori-e2e-accounts-"));
    const file = join(dir, "accounts.yaml");
    const assets = join(root, "src", "sources", "gcp", "testdata", "asset-export.jsonl");
    writeFileSync(
      file,
      `accounts:\n  - name: analytics\n    provider: gcp\n    options: { snapshot: "${assets}" }\n`,
    );
    try {
      withAccounts = await serveDemo(["--accounts", file]);
      const second = withAccounts;
      // Another port is another origin: sign in again there.
      await page.goto(`${second.url}/#/scans`);
      await page.getByLabel("API token").fill(second.token);
      await page.getByRole("button", { name: "Sign in" }).click();
      const accounts = page.getByRole("table", { name: "cloud accounts" });
      await accounts.getByRole("cell", { name: "analytics", exact: true }).waitFor();
      const scanNow = accounts.getByRole("button", { name: "Scan analytics now" });
      await scanNow.focus();
      await page.keyboard.press("Enter");
      const status = page.getByTestId("job-status");
      await status.filter({ hasText: "completed" }).waitFor();
      await status.filter({ hasText: /\d+ failing findings/ }).waitFor();
      await page
        .getByRole("list", { name: "job log" })
        .getByText("scan of account analytics (gcp) started")
        .waitFor();
      await page.screenshot({ path: join(shots, "scans-account.png"), fullPage: true });

      const response = await fetch(`${second.url}/api/v1/tokens`, {
        method: "POST",
        headers: { authorization: `Bearer ${second.token}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "e2e-viewer", role: "viewer" }),
      });
      const { token } = (await response.json()) as { token: string };
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByLabel("API token").fill(token);
      await page.getByRole("button", { name: "Sign in" }).click();
      assert.equal(await scanNow.isDisabled(), true);
      assert.equal(
        await page.locator(`#${await scanNow.getAttribute("aria-describedby")}`).textContent(),
        "Starting scans needs an analyst or admin token.",
      );
      await page.screenshot({ path: join(shots, "scans-account-viewer.png"), fullPage: true });
      const exited = new Promise((resolve) => second.child.on("exit", resolve));
      second.child.kill("SIGTERM");
      await exited;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("stops cleanly on SIGTERM and removes the demo data", async () => {
    const dataDir = /data in (\S+), removed on exit/.exec(served.stderr())?.[1];
    assert.ok(dataDir && existsSync(dataDir));
    const exited = new Promise<number | null>((resolve) => served.child.on("exit", (code) => resolve(code)));
    served.child.kill("SIGTERM");
    assert.equal(await exited, 0);
    assert.equal(existsSync(dataDir), false);
    console.log(`screenshots in ${shots}`);
  });
});
