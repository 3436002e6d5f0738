/** orchestratorAssetFailures.test.ts: an Integer asset (value 7) in Shared named `test:name`; `test:adoptExisting` from config. */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorAsset } from "pulumi-uipath-keys";

const cfg = new pulumi.Config("test");
new OrchestratorAsset("asset", {
    tenant: "DefaultTenant",
    folder: "Shared",
    name: cfg.require("name"),
    valueType: "Integer",
    value: 7,
    adoptExisting: cfg.getBoolean("adoptExisting"),
});
