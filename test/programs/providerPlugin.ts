/**
 * providerPlugin.test.ts: resources of the provider plugin `uipath-keys`, declared as
 * `pulumi.CustomResource` by type token, with no generated SDK and nothing of this package
 * loaded in the program (as a YAML or Go program declares them). Config under `test:`:
 * `phase` `create` declares an app with its first secret, an `ExternalApplicationSecret` and a
 * Text asset; `imported` declares the app and asset the test created in the service and
 * imported, as `pulumi import` left them (`appName`, `assetName`, `assetValue`).
 */
import * as pulumi from "@pulumi/pulumi";

const cfg = new pulumi.Config("test");

/** `pulumi.CustomResource` is abstract only to make SDKs subclass it; a program may name a type token directly. */
class PluginResource extends pulumi.CustomResource {}

/** A plugin resource: its inputs, and the outputs the program reads (declared `undefined`, as generated SDKs do). */
function pluginResource(
    kind: string,
    name: string,
    inputs: Record<string, pulumi.Input<unknown>>,
    outputs: string[],
): Record<string, pulumi.Output<unknown>> {
    const props = { ...Object.fromEntries(outputs.map((o) => [o, undefined])), ...inputs };
    return new PluginResource(`uipath-keys:index:${kind}`, name, props) as unknown as Record<
        string,
        pulumi.Output<unknown>
    >;
}

const folder = { tenant: "DefaultTenant", folder: "Shared" };

export const outputs: Record<string, pulumi.Output<unknown>> = {};
if (cfg.require("phase") === "create") {
    const app = pluginResource(
        "ExternalApplication",
        "app",
        { name: "plugin-app", applicationScopes: ["OR.Jobs.Read"] },
        ["clientId", "secret", "secretId"],
    );
    const secret = pluginResource("ExternalApplicationSecret", "appSecret", { clientId: app.clientId! }, [
        "secret",
        "secretId",
    ]);
    const asset = pluginResource(
        "OrchestratorAsset",
        "asset",
        { ...folder, name: "PluginText", valueType: "Text", value: cfg.require("assetValue") },
        ["assetId", "valueFingerprint"],
    );
    Object.assign(outputs, {
        clientId: app.clientId,
        firstSecret: app.secret,
        firstSecretId: app.secretId,
        managedSecret: secret.secret,
        managedSecretId: secret.secretId,
        assetId: asset.assetId,
    });
} else {
    pluginResource(
        "ExternalApplication",
        "imported-app",
        { name: cfg.require("appName"), applicationScopes: ["OR.Jobs.Read"], firstSecret: false },
        [],
    );
    pluginResource(
        "OrchestratorAsset",
        "imported-asset",
        { ...folder, name: cfg.require("assetName"), valueType: "Text", value: cfg.require("assetValue") },
        [],
    );
}
