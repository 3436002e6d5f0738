/**
 * The demo stack (`npm run demo`): every key kind, each consumed by a
 * dependent, against the local emulator. Rotate the Orchestrator user key
 * with `npm run demo -- config set demo:rotation <anything new>`, then
 * `npm run demo -- preview` shows the replacement and the dependents it touches.
 */
import * as pulumi from "@pulumi/pulumi";
import { ComputerVisionApiKey, DocumentUnderstandingApiKey, OrchestratorApiAccess } from "pulumi-uipath-keys";
import { SecretConsumer } from "./secretConsumer";

const config = new pulumi.Config("demo");

const orchestrator = new OrchestratorApiAccess("orchestrator", {
    tenant: config.get("tenant") ?? "DefaultTenant",
    rotationTrigger: config.get("rotation") ?? "initial",
    verify: true,
});
const documentUnderstanding = new DocumentUnderstandingApiKey("document-understanding", { rotateAfter: "90d", verify: true });
const computerVision = new ComputerVisionApiKey("computer-vision", {});

const robotConfig = new SecretConsumer("robot-user-key", orchestrator.userKey);
const duPipeline = new SecretConsumer("du-pipeline-key", documentUnderstanding.apiKey);
new SecretConsumer("cv-pipeline-key", computerVision.apiKey);

export const orchestratorAccount = orchestrator.accountLogicalName;
export const orchestratorTenant = orchestrator.tenantName;
export const orchestratorClientId = orchestrator.clientId;
export const userKeyFingerprint = orchestrator.keyFingerprint;
export const robotReceived = robotConfig.receivedFingerprint;
export const documentUnderstandingDueAt = documentUnderstanding.rotationDueAt;
export const duPipelineReceived = duPipeline.receivedFingerprint;
export const userKey = orchestrator.userKey;
