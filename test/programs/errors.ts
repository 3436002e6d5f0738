/**
 * errors.test.ts: one Orchestrator API access. The test varies its inputs through stack config:
 * `test:tenant` (default DefaultTenant), `test:verify`, `test:rotationTrigger`, and a per-resource
 * connection when `test:organization` is set (with `test:clientId`, `test:clientSecret`).
 */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorApiAccess } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
const organization = cfg.get("organization");
const a = new OrchestratorApiAccess("orchestrator", {
    tenant: cfg.get("tenant") ?? "DefaultTenant",
    verify: cfg.getBoolean("verify"),
    rotationTrigger: cfg.get("rotationTrigger"),
    connection:
        organization === undefined
            ? undefined
            : { organization, clientId: cfg.require("clientId"), clientSecret: cfg.requireSecret("clientSecret") },
});
export const key = a.userKey;
