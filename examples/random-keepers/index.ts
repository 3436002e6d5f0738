/**
 * `random.RandomId` as the rotation trigger: its `hex` changes only when one
 * of its `keepers` changes, so the keepers say *why* keys rotate (a quarter,
 * an incident number) and one change rotates every key that uses it.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DocumentUnderstandingApiKey, OrchestratorApiAccess } from "pulumi-uipath-keys";

const config = new pulumi.Config();

const rotation = new random.RandomId("uipath-rotation", {
    byteLength: 8,
    keepers: {
        // Change either to rotate: `pulumi config set quarter 2027-Q2`.
        quarter: config.require("quarter"),
        incident: config.get("incident") ?? "none",
    },
});

const orchestrator = new OrchestratorApiAccess("orchestrator", {
    tenant: config.get("tenant") ?? "DefaultTenant",
    rotationTrigger: rotation.hex,
});
const du = new DocumentUnderstandingApiKey("document-understanding", { rotationTrigger: rotation.hex });

export const rotationId = rotation.hex;
export const userKeyFingerprint = orchestrator.keyFingerprint;
export const duKeyFingerprint = du.keyFingerprint;
