/**
 * rotationUnderFaults.test.ts: one API access per tenant of `test:tenants` (a JSON list), all
 * rotated by `test:rotationTrigger`, each consumed by a secret store entry `stored-<tenant>`.
 */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorApiAccess } from "pulumi-uipath-keys";
import { SecretStoreEntry } from "./consumer";

const cfg = new pulumi.Config("test");
for (const tenant of cfg.requireObject<string[]>("tenants")) {
    const access = new OrchestratorApiAccess("access-" + tenant, {
        tenant,
        rotationTrigger: cfg.require("rotationTrigger"),
    });
    new SecretStoreEntry("store-" + tenant, { file: "stored-" + tenant, value: access.userKey });
}
