/**
 * The demo stack (`npm run demo`): every key kind, each consumed by a
 * dependent, against the local emulator. Rotate the Orchestrator user key
 * with `npm run demo -- config set demo:rotation <anything new>`, then
 * `npm run demo -- preview` shows the replacement and the dependents it touches.
 * Rotate the Document Understanding key with `npm run demo -- config set
 * demo:duRotation <anything new>`: the same `up` writes the new key into the
 * Orchestrator Secret asset robots read it from.
 * Rotate the external application's secret (two phases: the previous one keeps
 * working until the next rotation) with `npm run demo -- config set demo:secretRotation <anything new>`.
 * Each rotation is recorded in the resource's `rotationHistory` (cause, fingerprints or secret
 * ids, never a key): two trigger changes and two `up`s show two entries in
 * `documentUnderstandingHistory` and `ciSecretHistory`.
 */
import * as pulumi from "@pulumi/pulumi";
import {
    clientCredentials,
    ComputerVisionApiKey,
    DocumentUnderstandingApiKey,
    ExternalApplication,
    ExternalApplicationSecret,
    OrchestratorApiAccess,
    OrchestratorAsset,
} from "pulumi-uipath-keys";
import { SecretConsumer } from "./secretConsumer";

const config = new pulumi.Config("demo");

const orchestrator = new OrchestratorApiAccess("orchestrator", {
    tenant: config.get("tenant") ?? "DefaultTenant",
    rotationTrigger: config.get("rotation") ?? "initial",
    verify: true,
});
const documentUnderstanding = new DocumentUnderstandingApiKey("document-understanding", {
    rotateAfter: "90d",
    rotationTrigger: config.get("duRotation") ?? "initial",
    verify: true,
});
const computerVision = new ComputerVisionApiKey("computer-vision", {});

const robotConfig = new SecretConsumer("robot-user-key", orchestrator.userKey);
const duPipeline = new SecretConsumer("du-pipeline-key", documentUnderstanding.apiKey);
new SecretConsumer("cv-pipeline-key", computerVision.apiKey);

// Robots read the key from an Orchestrator asset (Get Credential / Get Asset): deliver it there.
const duAsset = new OrchestratorAsset("du-key-asset", {
    tenant: config.get("tenant") ?? "DefaultTenant",
    folder: "Shared",
    name: "DocumentUnderstandingApiKey",
    description: "Document Understanding API key, managed by Pulumi",
    valueType: "Secret",
    value: documentUnderstanding.apiKey,
});

// The recommended credential: an external application whose secret rotates in two phases.
const ciApp = new ExternalApplication("ci-app", {
    name: "CI pipeline",
    applicationScopes: ["OR.Jobs.Read", "OR.Queues"],
    firstSecret: false,
});
const ciSecret = new ExternalApplicationSecret("ci-secret", {
    clientId: ciApp.clientId,
    description: "CI pipeline",
    rotationTrigger: config.get("secretRotation") ?? "initial",
    expiresAfter: "90d",
    renewBefore: "14d",
    // The consumer below takes each new secret in the same run, so a minute of overlap is plenty
    // here and lets the demo rotate twice in a row; without it, the overlap guard refuses a second
    // rotation the same UTC day (see README, "Verify, the overlap guard and emergency").
    overlap: "1m",
});
const ciPipeline = new SecretConsumer(
    "ci-client-credentials",
    clientCredentials(ciApp, ciSecret).apply((c) => JSON.stringify(c)),
);

export const orchestratorAccount = orchestrator.accountLogicalName;
export const orchestratorTenant = orchestrator.tenantName;
export const orchestratorClientId = orchestrator.clientId;
export const userKeyFingerprint = orchestrator.keyFingerprint;
export const robotReceived = robotConfig.receivedFingerprint;
export const documentUnderstandingDueAt = documentUnderstanding.rotationDueAt;
export const duPipelineReceived = duPipeline.receivedFingerprint;
export const documentUnderstandingKeyFingerprint = documentUnderstanding.keyFingerprint;
export const duAssetLastModified = duAsset.lastModificationTime;
export const userKey = orchestrator.userKey;
export const ciClientId = ciApp.clientId;
export const ciTokenUrl = ciApp.tokenUrl;
export const ciSecretId = ciSecret.secretId;
export const ciPreviousSecretId = ciSecret.previousSecretId.apply((id) => id ?? "none");
export const ciSecretExpiresAt = ciSecret.expiresAt;
export const ciPipelineReceived = ciPipeline.receivedFingerprint;
export const documentUnderstandingHistory = documentUnderstanding.rotationHistory;
export const ciSecretHistory = ciSecret.rotationHistory;
