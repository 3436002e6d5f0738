/** orchestratorAsset.test.ts: a Secret asset fed from a Document Understanding key rotated by `test:rotation`. */
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey, OrchestratorAsset } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");
const du = new DocumentUnderstandingApiKey("du", { rotationTrigger: config.get("rotation") ?? "initial" });
const asset = new OrchestratorAsset("du-key-asset", {
    tenant: "DefaultTenant",
    folder: "Shared",
    name: "DocumentUnderstandingApiKey",
    valueType: "Secret",
    value: du.apiKey,
});
export const assetFingerprint = asset.valueFingerprint;
