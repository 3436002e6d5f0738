/** forcedReplace.test.ts: an API access revoked on delete, rotated by `test:rotation` once the test sets it. */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorApiAccess } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");
const access = new OrchestratorApiAccess("orchestrator", {
    tenant: "DefaultTenant",
    revokeOnDelete: true,
    rotationTrigger: config.get("rotation"),
});
export const userKey = access.userKey;
export const keyFingerprint = access.keyFingerprint;
