/**
 * What the YAML and Go engine tests share: a stack whose project is a YAML program or a prebuilt
 * Go program (instead of the Node.js project {@link withKeysStack} writes), with this checkout's
 * provider plugin, and the one lifecycle both run: create, rotate by trigger, refresh with drift,
 * destroy, with the outcomes the TypeScript tests assert for the same kinds
 * (orchestratorApiAccess, externalApplicationSecret, orchestratorAsset and drift tests).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../../scripts/toolchain";
import { editInOrchestrator, heldAsset, keyedFingerprint } from "./assets";
import { appNow, scopesNow, secretWorks } from "./externalApps";
import { withKeysStack, type Fixture } from "./fixture";
import { dynamicConfigKeys, pluginConfig, usePluginFromCheckout } from "./plugin";
import { heldUserKey, regenerateUserKeyOutOfBand, userKeyWorks } from "./service";
import { isStoredAsSecret, resourceNamed } from "./state";
import { step } from "./steps";

/** The project file of the YAML lifecycle program (project name `test`, as every test stack's). */
export const yamlProgramFile = path.join(repoRoot, "test", "programs-yaml", "Pulumi.yaml");

/**
 * A project in `stackDir` whose program is the Go program in `programDir` (Pulumi.yaml `main`),
 * which the Go host compiles at each `up` from the Go build cache (see scripts/goSdk.ts).
 */
export function goProjectFile(stackDir: string, programDir: string): string {
    return `name: test\nruntime: go\nmain: ${path.relative(stackDir, programDir)}\n`;
}

const ASSET = "LifecycleText";

interface Outputs {
    userKey: string;
    keyFingerprint: string;
    clientId: string;
    firstSecret: string;
    managedSecret: string;
    managedSecretId: number;
    assetId: number;
}

/**
 * Runs the lifecycle with `projectFile` (the text of Pulumi.yaml, given the stack's folder) as the stack's project. The
 * program declares an OrchestratorApiAccess, an ExternalApplication with an
 * ExternalApplicationSecret, and a Text OrchestratorAsset (test/programs-yaml/Pulumi.yaml).
 */
export function runLifecycle(projectFile: (stackDir: string) => string): Promise<void> {
    // The Node.js program withKeysStack writes is never run: Pulumi.yaml names another runtime.
    return withKeysStack("export {};", { omitConfig: dynamicConfigKeys }, async (f) => {
        const assetValue = "lifecycle-asset-value-5c1e";
        f.addSecret(assetValue, "the Text asset's declared value");
        fs.writeFileSync(path.join(f.stack.dir, "Pulumi.yaml"), projectFile(f.stack.dir));
        usePluginFromCheckout(f.stack);
        await f.stack.setConfig({
            ...pluginConfig(f.emulator.url),
            "test:trigger": "r0",
            "test:assetValue": { secret: assetValue },
        });

        const first = await step("up creates the key, the application with its secret, and the asset", async () => {
            await f.stack.up();
            const outputs = (await f.stack.outputs()) as unknown as Outputs;
            assert.equal(outputs.userKey, await heldUserKey(f), "the key resource holds the tenant's user key");
            assert.deepEqual(await scopesNow(f, outputs.clientId), ["OR.Jobs.Read:application"]);
            assert.equal(await secretWorks(f, outputs.clientId, outputs.firstSecret), true, "the app's first secret");
            assert.equal(await secretWorks(f, outputs.clientId, outputs.managedSecret), true, "the managed secret");
            assert.equal(heldAsset(f, ASSET)?.stringValue, assetValue);
            assert.equal(heldAsset(f, ASSET)?.id, outputs.assetId);
            return outputs;
        });

        const rotated = await step(
            "a new rotation trigger: up regenerates the key and rotates the managed secret",
            async () => {
                await f.stack.setConfig({ "test:trigger": "r1" });
                await f.stack.up();
                const outputs = (await f.stack.outputs()) as unknown as Outputs;
                assert.notEqual(outputs.userKey, first.userKey);
                assert.equal(outputs.userKey, await heldUserKey(f));
                assert.equal(await userKeyWorks(f, first.userKey), false, "the old key is revoked");
                assert.equal(await userKeyWorks(f, outputs.userKey), true, "the new key works");
                assert.notEqual(outputs.managedSecretId, first.managedSecretId);
                assert.equal(await secretWorks(f, outputs.clientId, outputs.managedSecret), true, "the new secret");
                assert.equal(
                    await secretWorks(f, outputs.clientId, first.managedSecret),
                    true,
                    "the previous secret stays valid (overlap)",
                );
                assert.equal(outputs.clientId, first.clientId, "the application is kept");
                return outputs;
            },
        );

        await step(
            "changes behind Pulumi's back: refresh records the regenerated key and the edited asset",
            async () => {
                const outOfBand = await regenerateUserKeyOutOfBand(f);
                await editInOrchestrator(f, rotated.assetId, {
                    Name: ASSET,
                    ValueType: "Text",
                    StringValue: "changed by hand",
                });
                const { output } = await f.stack.refresh();
                // The plugin's refresh prints the changed properties (the dynamic provider's one-line
                // note, drift.test.ts, is a log message of that path).
                assert.match(output, /~ valueFingerprint\s*: "[0-9a-f]{16}" => "[0-9a-f]{16}"/);
                assert.doesNotMatch(output, /changed by hand/);
                const { resources } = await f.stack.exportState();
                const key = resourceNamed(resources, "orchestrator").outputs;
                assert.notEqual(key?.keyFingerprint, rotated.keyFingerprint);
                assert.equal(key?.appliedKeyFingerprint, rotated.keyFingerprint, "dependents get it on the next up");
                const history = key?.rotationHistory as Array<{ cause: string; from: string }>;
                assert.deepEqual(
                    { cause: history.at(-1)?.cause, from: history.at(-1)?.from },
                    { cause: "drift", from: rotated.keyFingerprint },
                );
                const asset = resourceNamed(resources, "asset").outputs;
                assert.equal(
                    asset?.valueFingerprint,
                    keyedFingerprint(String(asset?.fingerprintSalt), "changed by hand"),
                );
                assert.notEqual(outOfBand, rotated.userKey);
                // State keeps every secret encrypted (the fixture scans all output and exports for plaintext).
                assert.equal(isStoredAsSecret(key?.userKey), true, "the user key");
                assert.equal(isStoredAsSecret(resourceNamed(resources, "app").outputs?.secret), true, "first secret");
                assert.equal(isStoredAsSecret(resourceNamed(resources, "appSecret").outputs?.secret), true);
                assert.equal(isStoredAsSecret(resourceNamed(resources, "asset").inputs?.value), true, "asset value");
            },
        );

        await step("destroy deletes the application (with its secrets) and the asset", async () => {
            await f.stack.destroy();
            assert.equal(await appNow(f, first.clientId), undefined);
            assert.equal(heldAsset(f, ASSET), undefined);
        });
    });
}

export type { Fixture };
