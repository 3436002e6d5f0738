/**
 * The provider plugin `uipath-keys` through the real engine against the emulator: resources
 * declared by type token without a generated SDK (`test/programs/providerPlugin.ts`), the
 * plugin found through Pulumi.yaml and configured under `uipath-keys:`. Create, a no-change
 * preview and destroy of an external application with its secrets and an asset, secrets
 * encrypted in state; then `pulumi import` of an application and an asset made in the service,
 * and a preview of the program that declares them, with no changes.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { heldAsset } from "./helpers/assets";
import { appNow, scopesNow, secretWorks } from "./helpers/externalApps";
import { withKeysStack } from "./helpers/fixture";
import { dynamicConfigKeys, pluginConfig, usePluginFromCheckout } from "./helpers/plugin";
import { programSource } from "./helpers/programs";
import { isStoredAsSecret, resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const program = programSource("providerPlugin");

/** What a preview with nothing to do prints: only unchanged resources. */
function assertNoChanges(output: string): void {
    assert.match(output, /\d+ unchanged/, output);
    assert.doesNotMatch(output, /to (create|update|replace|delete)|[+~-]\s+uipath-keys:/, output);
}

it(
    "the plugin creates an application with its secrets and an asset, previews no changes, keeps secrets encrypted, and destroys them",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { omitConfig: dynamicConfigKeys }, async (f) => {
            const assetValue = "plugin-asset-value-7f3a";
            f.addSecret(assetValue, "the Text asset's value");
            usePluginFromCheckout(f.stack);
            await f.stack.setConfig({
                ...pluginConfig(f.emulator.url),
                "test:phase": "create",
                "test:assetValue": assetValue,
            });

            const out = await step(
                "up creates the app, a managed secret and the asset through the plugin",
                async () => {
                    await f.stack.up();
                    const { outputs } = (await f.stack.outputs()) as {
                        outputs: { clientId: string; firstSecret: string; managedSecret: string; assetId: number };
                    };
                    assert.deepEqual(await scopesNow(f, outputs.clientId), ["OR.Jobs.Read:application"]);
                    assert.equal(await secretWorks(f, outputs.clientId, outputs.firstSecret), true);
                    assert.equal(await secretWorks(f, outputs.clientId, outputs.managedSecret), true);
                    assert.equal(heldAsset(f, "PluginText")?.stringValue, assetValue);
                    return outputs;
                },
            );

            await step("a preview of the same program has nothing to do", async () => {
                assertNoChanges((await f.stack.preview()).output);
            });

            await step(
                "state holds the secrets, the asset's value and the provider's credential encrypted",
                async () => {
                    const { resources } = await f.stack.exportState();
                    const app = resourceNamed(resources, "app");
                    const secret = resourceNamed(resources, "appSecret");
                    const asset = resourceNamed(resources, "asset");
                    assert.equal(isStoredAsSecret(app.outputs?.secret), true, "the app's first secret");
                    assert.equal(isStoredAsSecret(secret.outputs?.secret), true, "the managed secret");
                    assert.equal(isStoredAsSecret(asset.inputs?.value), true, "the asset's value (input)");
                    // A Text value is an input only (`stateFor` in kinds/orchestratorAsset.ts), as on the dynamic path.
                    assert.equal(asset.outputs?.value, undefined, "a Text asset's value is no output");
                    const provider = resources.find((r) => r.type === "pulumi:providers:uipath-keys");
                    assert.ok(provider, "the default provider of the plugin");
                    assert.equal(isStoredAsSecret(provider.inputs?.clientSecret), true, "the provider's clientSecret");
                },
            );

            await step("destroy deletes the application (with its secrets) and the asset", async () => {
                await f.stack.destroy();
                assert.equal(await appNow(f, out.clientId), undefined);
                assert.equal(heldAsset(f, "PluginText"), undefined);
            });
        }),
);
