import type { FastifyInstance } from "fastify";
import type { OutputRouter } from "../../detect/outputs/index.js";
import type { Db } from "../../store/db.js";
import type { Store } from "../../store/index.js";
import type { CloudAccount } from "../accounts.js";
import type { DetectionEngine } from "../detection.js";
import type { JobRunner } from "../jobs.js";
import type { ServerMetrics } from "../metrics.js";
import { adminRoutes } from "./admin.js";
import { complianceRoutes } from "./compliance.js";
import { findingRoutes } from "./findings.js";
import { incidentRoutes } from "./incidents.js";
import { ingestRoutes } from "./ingest.js";
import { postureRoutes } from "./posture.js";
import { queryRoutes } from "./query.js";
import { resourceRoutes } from "./resources.js";
import { scanRoutes } from "./scans.js";
import { systemRoutes } from "./system.js";
import { vulnerabilityRoutes } from "./vulnerabilities.js";
import { webRoutes } from "./web.js";

/** What every route module gets. */
export interface ServerContext {
  store: Store;
  db: Db;
  jobs: JobRunner;
  metrics: ServerMetrics;
  tool: { name: string; version: string };
  webRoot?: string;
  /** Evaluates ingested events; without one, events are counted and dropped. */
  detection?: DetectionEngine;
  /** Cloud accounts `POST /api/v1/scans {account}` may scan (`--accounts`). */
  accounts?: CloudAccount[];
  /** Where alerts raised or received by ingest are forwarded (`--output-config`). */
  outputs?: OutputRouter;
}

/**
 * One module per area. A module whose data does not exist in this build or
 * store (e.g. alerts before the detection engine lands) says so through
 * `available` and is not registered: its routes are absent, not empty.
 */
export interface RouteModule {
  name: string;
  available?(context: ServerContext): boolean | Promise<boolean>;
  register(app: FastifyInstance, context: ServerContext): void | Promise<void>;
}

export const ROUTE_MODULES: readonly RouteModule[] = [
  systemRoutes,
  postureRoutes,
  resourceRoutes,
  findingRoutes,
  complianceRoutes,
  scanRoutes,
  queryRoutes,
  ingestRoutes,
  incidentRoutes,
  vulnerabilityRoutes,
  adminRoutes,
  webRoutes,
];
