/**
 * The provider plugin `uipath-keys` through the real engine against the emulator: resources
 * declared by type token without a generated SDK (`test/programs/providerPlugin.ts`), the
 * plugin found through Pulumi.yaml and configured under `uipath-keys:`. Create, a no-change
 * preview and destroy of an external application with its secrets and an asset, secrets
 * encrypted in state; then `pulumi import` of an application and an asset made in the service,
 * and a preview of the program that declares them, with no changes.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { it } from "node:test";
import { heldAsset, OR } from "./helpers/assets";
import { appNow, scopesNow, secretWorks } from "./helpers/externalApps";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";
import { auditMark, mutatingCallsSince } from "./helpers/service";
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
            const { "uipath-keys:clientSecret": clientSecret, ...settings } = pluginConfig(f.emulator.url);
            await f.stack.setConfig({ ...settings, "test:phase": "create", "test:assetValue": assetValue });

            await step("a client secret set without --secret is refused before anything is saved", async () => {
                await f.stack.pulumi(["config", "set", "uipath-keys:clientSecret"], { stdin: DEMO.clientSecret });
                const refused = await f.stack.preview({ allowFailure: true });
                assert.notEqual(refused.code, 0);
                assert.match(
                    refused.output,
                    /error: Preview failed: uipath-keys:clientSecret is set in plaintext in the stack config, so it would be saved in plaintext in state: set it again as a secret with `pulumi config set --secret uipath-keys:clientSecret`\n/,
                );
                assert.ok(typeof clientSecret === "object");
                await f.stack.setSecretConfig("uipath-keys:clientSecret", clientSecret.secret);
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

/** An application and a Text asset made in the service by an administrator, as a stack would find them. */
async function madeOutsidePulumi(
    f: Fixture,
    assetValue: string,
): Promise<{ clientId: string; folderId: number; assetId: number }> {
    const app = await f.api.post(`/${DEMO.org}/identity_/api/ExternalClient`, {
        token: DEMO.adminPat,
        json: {
            partitionGlobalId: DEMO.pg,
            name: "legacy-app",
            isConfidential: true,
            redirectUri: null,
            // Type 1: an application scope (ApiScopeType, as UiPath sends it).
            scopes: [{ name: "OR.Jobs.Read", displayName: null, description: null, type: 1 }],
        },
    });
    assert.equal(app.status, 201, JSON.stringify(app.body));
    const asset = await f.api.post(`${OR}/Assets`, {
        token: DEMO.adminPat,
        headers: { "X-UIPATH-FolderPath": "Shared" },
        json: { Name: "LegacyText", ValueScope: "Global", ValueType: "Text", StringValue: assetValue },
    });
    assert.equal(asset.status, 201, JSON.stringify(asset.body));
    const held = heldAsset(f, "LegacyText")!;
    return { clientId: (app.body as { id: string }).id, folderId: held.folderId, assetId: held.id };
}

it(
    "pulumi import brings an existing application and asset under the plugin, and the program declaring them previews no changes",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { omitConfig: dynamicConfigKeys }, async (f) => {
            const assetValue = "legacy-asset-value-51c9";
            f.addSecret(assetValue, "the imported Text asset's value");
            const made = await madeOutsidePulumi(f, assetValue);
            usePluginFromCheckout(f.stack);
            await f.stack.setConfig({
                ...pluginConfig(f.emulator.url),
                "test:phase": "imported",
                "test:appName": "legacy-app",
                "test:assetName": "LegacyText",
                "test:assetValue": assetValue,
            });
            const mark = auditMark(f);

            await step("pulumi import reads both by their import ids into state, changing nothing", async () => {
                const file = path.join(f.stack.dir, "import.json");
                fs.writeFileSync(
                    file,
                    JSON.stringify({
                        resources: [
                            {
                                type: "uipath-keys:index:ExternalApplication",
                                name: "imported-app",
                                id: `${DEMO.org}/${made.clientId}`,
                            },
                            {
                                type: "uipath-keys:index:OrchestratorAsset",
                                name: "imported-asset",
                                id: `${DEMO.org}/${DEMO.tenant}/${made.folderId}/${made.assetId}`,
                            },
                        ],
                    }),
                );
                await f.stack.pulumi(["import", "--file", file, "--yes", "--generate-code=false"]);
                const { resources } = await f.stack.exportState();
                const app = resourceNamed(resources, "imported-app");
                assert.equal(app.id, made.clientId);
                assert.deepEqual(app.inputs?.applicationScopes, ["OR.Jobs.Read"]);
                const asset = resourceNamed(resources, "imported-asset");
                assert.equal(isStoredAsSecret(asset.inputs?.value), true, "the imported value is stored encrypted");
            });

            await step("a preview of the program that declares them has nothing to do", async () => {
                assertNoChanges((await f.stack.preview()).output);
                assert.deepEqual(mutatingCallsSince(f, mark), [], "no call changed anything in the service");
            });
        }),
);
