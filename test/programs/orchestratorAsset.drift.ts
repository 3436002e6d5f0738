/** orchestratorAsset.test.ts: a Text and a Secret asset (its value from secret stack config `test:token`). */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorAsset } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");
const common = { tenant: "DefaultTenant", folder: "Shared" };
const text = new OrchestratorAsset("text", { ...common, name: "Mode", valueType: "Text", value: "declared" });
const secret = new OrchestratorAsset("secret", {
    ...common,
    name: "Token",
    valueType: "Secret",
    value: config.requireSecret("token"),
});
export const ids = [text.assetId, secret.assetId];
