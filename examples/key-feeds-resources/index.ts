/**
 * Keys as inputs of other resources. Outputs of the key resources are Pulumi
 * secrets: anything built from them (here a robot's connection settings as
 * JSON) stays a secret, and a rotation updates every dependent in the same run.
 */
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey, OrchestratorApiAccess } from "pulumi-uipath-keys";
import { SecretSink } from "./secretSink";

const config = new pulumi.Config();

const du = new DocumentUnderstandingApiKey("document-understanding", { rotateAfter: "90d" });
const orchestrator = new OrchestratorApiAccess("orchestrator", { tenant: config.get("tenant") ?? "DefaultTenant" });

// The key itself, e.g. into a CI secret your document pipeline reads.
const duSecret = new SecretSink("du-pipeline-key", du.apiKey);

// Several outputs combined: what a client needs to call Orchestrator with a user key.
const robotSettings = pulumi
    .all([orchestrator.userKey, orchestrator.accountLogicalName, orchestrator.tenantName, orchestrator.clientId])
    .apply(([userKey, account, tenant, clientId]) => JSON.stringify({ userKey, account, tenant, clientId }));
const robotSecret = new SecretSink("robot-settings", robotSettings);

export const duKeyFingerprint = du.keyFingerprint;
export const duPipelineReceived = duSecret.receivedFingerprint;
export const duRotationDueAt = du.rotationDueAt;
export const robotSettingsReceived = robotSecret.receivedFingerprint;
