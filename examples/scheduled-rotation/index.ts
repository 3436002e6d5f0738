/**
 * The stack the scheduled job keeps fresh: each key rotates once its
 * `rotateAfter` period has passed, at the first `pulumi up` after that
 * (`npx pulumi-uipath-keys rotate`, run daily, is that `up`).
 */
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey, OrchestratorApiAccess } from "pulumi-uipath-keys";

const config = new pulumi.Config();
const period = config.get("rotateAfter") ?? "30d";

const orchestrator = new OrchestratorApiAccess("orchestrator", {
    tenant: config.get("tenant") ?? "DefaultTenant",
    rotateAfter: period,
});
const du = new DocumentUnderstandingApiKey("document-understanding", { rotateAfter: period });

export const userKeyFingerprint = orchestrator.keyFingerprint;
export const userKeyRotationDueAt = orchestrator.rotationDueAt;
export const duKeyFingerprint = du.keyFingerprint;
export const duRotationDueAt = du.rotationDueAt;
