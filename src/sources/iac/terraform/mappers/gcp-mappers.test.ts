/** The `google_*` mappers: HCL → canonical GCP resources with API field names, ids, projects and lines. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { isUnknown, type Resource } from "../../../../model/index.js";
import { format } from "../index.js";

const tmp = mkdtempSync(join(tmpdir(), "mamori-tf-gcp-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function load(text: string): Promise<Resource[]> {
  const file = join(tmp, "main.tf");
  writeFileSync(file, text);
  const result = await format.load([file], { roots: [tmp] });
  assert.deepEqual([...result.errors], []);
  return result.resources;
}

function byId(resources: Resource[], id: string): Resource {
  const found = resources.find((r) => r.id === id);
  assert.ok(found, `no resource ${id} in ${resources.map((r) => r.id).join(", ")}`);
  return found;
}

describe("terraform google_* mappers", () => {
  it("joins bucket IAM bindings and members by reference and by name", async () => {
    const resources = await load(`
resource "google_storage_bucket" "site" {
  name                        = "acme-site"
  project                     = "acme-prod"
  location                    = "eu"
  uniform_bucket_level_access = true
  versioning {
    enabled = true
  }
  retention_policy {
    retention_period = 86400
  }
}
resource "google_storage_bucket_iam_binding" "readers" {
  bucket  = google_storage_bucket.site.name
  role    = "roles/storage.objectViewer"
  members = ["group:web@acme.example"]
}
resource "google_storage_bucket_iam_member" "public" {
  bucket = "acme-site"
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}
`);
    assert.equal(resources.length, 1);
    const bucket = byId(resources, "main.tf#google_storage_bucket.site");
    assert.equal(bucket.provider, "gcp");
    assert.equal(bucket.type, "gcp.storage.bucket");
    assert.equal(bucket.account, "acme-prod");
    assert.equal(bucket.name, "acme-site");
    assert.deepEqual(bucket.properties.iamPolicy, {
      bindings: [{ role: "roles/storage.objectViewer", members: ["group:web@acme.example", "allUsers"] }],
    });
    assert.deepEqual(bucket.properties.iamConfiguration, { uniformBucketLevelAccess: { enabled: true } });
    assert.deepEqual(bucket.properties.versioning, { enabled: true });
    assert.deepEqual(bucket.properties.retentionPolicy, { retentionPeriod: "86400", isLocked: false });
    assert.equal(bucket.properties.location, "EU");
    const lines = bucket.provenance.kind === "iac" ? bucket.provenance.properties : undefined;
    assert.deepEqual(lines?.["iamConfiguration.uniformBucketLevelAccess.enabled"], {
      startLine: 6,
      endLine: 6,
    });
  });

  it("maps firewall allow blocks with string ports and API defaults", async () => {
    const [fw] = await load(`
resource "google_compute_firewall" "web" {
  name          = "web"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = [80, "8000-8080"]
  }
  allow {
    protocol = "icmp"
  }
}
`);
    assert.ok(fw);
    assert.equal(fw.account, undefined);
    assert.equal(fw.properties.direction, "INGRESS");
    assert.equal(fw.properties.disabled, false);
    assert.deepEqual(fw.properties.sourceRanges, ["0.0.0.0/0"]);
    assert.deepEqual(fw.properties.allowed, [
      { IPProtocol: "tcp", ports: ["80", "8000-8080"] },
      { IPProtocol: "icmp" },
    ]);
  });

  it("maps an instance's metadata, scopes, interfaces and shielded defaults", async () => {
    const [vm] = await load(`
resource "google_compute_instance" "vm" {
  name         = "vm"
  zone         = "europe-west1-b"
  machine_type = "e2-small"
  metadata = {
    enable-oslogin = true
  }
  metadata_startup_script = "echo hi"
  network_interface {
    network = "default"
    access_config {
      nat_ip = "203.0.113.7"
    }
  }
  service_account {
    email  = "vm@p.iam.gserviceaccount.com"
    scopes = ["cloud-platform", "storage-ro", "https://www.googleapis.com/auth/pubsub"]
  }
  shielded_instance_config {}
}
`);
    assert.ok(vm);
    assert.deepEqual(vm.properties.metadata, {
      items: [
        { key: "enable-oslogin", value: "TRUE" },
        { key: "startup-script", value: "echo hi" },
      ],
    });
    assert.deepEqual(vm.properties.serviceAccounts, [
      {
        email: "vm@p.iam.gserviceaccount.com",
        scopes: [
          "https://www.googleapis.com/auth/cloud-platform",
          "https://www.googleapis.com/auth/devstorage.read_only",
          "https://www.googleapis.com/auth/pubsub",
        ],
      },
    ]);
    assert.deepEqual(vm.properties.networkInterfaces, [
      { network: "default", accessConfigs: [{ natIP: "203.0.113.7" }] },
    ]);
    assert.deepEqual(vm.properties.shieldedInstanceConfig, {
      enableSecureBoot: false,
      enableVtpm: true,
      enableIntegrityMonitoring: true,
    });
    assert.equal(vm.properties.canIpForward, false);
  });

  it("marks the default service account without an email unknown", async () => {
    const [vm] = await load(`
resource "google_compute_instance" "vm" {
  name = "vm"
  service_account {
    scopes = ["cloud-platform"]
  }
}
`);
    assert.ok(vm && isUnknown(vm.properties.serviceAccounts));
  });

  it("maps Cloud SQL settings with the public-IP default and flags as strings", async () => {
    const [db] = await load(`
resource "google_sql_database_instance" "db" {
  name             = "db"
  project          = "acme-prod"
  region           = "europe-west1"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    backup_configuration {
      enabled = true
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = -1
    }
  }
}
`);
    assert.ok(db);
    assert.equal(db.region, "europe-west1");
    assert.deepEqual(db.properties.settings, {
      tier: "db-f1-micro",
      ipConfiguration: { ipv4Enabled: true, authorizedNetworks: [] },
      backupConfiguration: { enabled: true },
      databaseFlags: [{ name: "log_min_duration_statement", value: "-1" }],
    });
  });

  it("maps GKE, KMS and DNS with the provider's certain defaults", async () => {
    const resources = await load(`
resource "google_container_cluster" "c" {
  name     = "c"
  location = "europe-west1"
  master_authorized_networks_config {}
}
resource "google_kms_crypto_key" "k" {
  name     = "k"
  key_ring = "projects/acme-prod/locations/eu/keyRings/r"
}
resource "google_kms_crypto_key_iam_member" "m" {
  crypto_key_id = google_kms_crypto_key.k.id
  role          = "roles/cloudkms.cryptoKeyDecrypter"
  member        = "allAuthenticatedUsers"
}
resource "google_dns_managed_zone" "z" {
  name     = "z"
  dns_name = "acme.example."
}
`);
    const cluster = byId(resources, "main.tf#google_container_cluster.c");
    assert.deepEqual(cluster.properties.legacyAbac, { enabled: false });
    assert.deepEqual(cluster.properties.shieldedNodes, { enabled: true });
    assert.deepEqual(cluster.properties.masterAuthorizedNetworksConfig, { enabled: true, cidrBlocks: [] });
    assert.equal(cluster.properties.workloadIdentityConfig, undefined);
    const key = byId(resources, "main.tf#google_kms_crypto_key.k");
    assert.equal(key.account, "acme-prod");
    assert.equal(key.properties.purpose, "ENCRYPT_DECRYPT");
    assert.deepEqual(key.properties.iamPolicy, {
      bindings: [{ role: "roles/cloudkms.cryptoKeyDecrypter", members: ["allAuthenticatedUsers"] }],
    });
    const zone = byId(resources, "main.tf#google_dns_managed_zone.z");
    assert.equal(zone.properties.visibility, "public");
    assert.equal(zone.properties.dnssecConfig, undefined);
  });
});
