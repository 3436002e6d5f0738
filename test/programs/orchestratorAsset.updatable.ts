/**
 * orchestratorAsset.test.ts: a Text asset in Shared/Finance whose value, description and name
 * (default Endpoint) come from stack config: `test:value`, `test:description`, `test:name`.
 */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorAsset } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
export const asset = new OrchestratorAsset("endpoint", {
    tenant: "DefaultTenant",
    folder: "Shared/Finance",
    name: cfg.get("name") ?? "Endpoint",
    valueType: "Text",
    value: cfg.require("value"),
    description: cfg.require("description"),
});
export const assetId = asset.assetId;
export const modified = asset.lastModificationTime;
