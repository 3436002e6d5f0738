/**
 * orchestratorAsset.test.ts: one asset of each value type in Shared; the Secret's value and the
 * Credential's password come from secret stack config (`test:apiKey`, `test:password`).
 */
import * as pulumi from "@pulumi/pulumi";
import { OrchestratorAsset } from "pulumi-uipath-keys";

const config = new pulumi.Config("test");
const common = { tenant: "DefaultTenant", folder: "Shared" };
const text = new OrchestratorAsset("text", {
    ...common,
    name: "Greeting",
    valueType: "Text",
    value: "hello robots",
    description: "plain text",
});
const secret = new OrchestratorAsset("secret", {
    ...common,
    name: "ApiKey",
    valueType: "Secret",
    value: config.requireSecret("apiKey"),
});
new OrchestratorAsset("credential", {
    ...common,
    name: "Mailbox",
    valueType: "Credential",
    username: "bot@demo.local",
    password: config.requireSecret("password"),
});
new OrchestratorAsset("integer", { ...common, name: "BatchSize", valueType: "Integer", value: 42 });
new OrchestratorAsset("bool", { ...common, name: "DryRun", valueType: "Bool", value: true });
export const secretFingerprint = secret.valueFingerprint;
export const textId = text.assetId;
