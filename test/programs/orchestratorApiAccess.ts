/** orchestratorApiAccess.test.ts: an API access rotated by `test:rotationTrigger`, consumed by a secret store entry. */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorApiAccess } from "pulumi-uipath-keys";
import { SecretStoreEntry } from "./consumer";

const cfg = new pulumi.Config("test");
const access = new OrchestratorApiAccess("orchestrator", {
    tenant: "DefaultTenant",
    rotationTrigger: cfg.require("rotationTrigger"),
});
new SecretStoreEntry("ci-secret", { file: "stored-user-key", value: access.userKey });
export const userKey = access.userKey;
export const tenantName = access.tenantName;
export const accountLogicalName = access.accountLogicalName;
export const clientId = access.clientId;
export const keyFingerprint = access.keyFingerprint;
