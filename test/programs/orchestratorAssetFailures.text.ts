/**
 * orchestratorAssetFailures.test.ts: a Text asset whose folder, name and value come from stack
 * config (`test:folder`, `test:name`, `test:value`), with `test:adoptExisting`.
 */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorAsset } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
new OrchestratorAsset("asset", {
    tenant: "DefaultTenant",
    folder: cfg.require("folder"),
    name: cfg.require("name"),
    valueType: "Text",
    value: cfg.require("value"),
    adoptExisting: cfg.getBoolean("adoptExisting"),
});
