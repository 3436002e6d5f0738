/**
 * OrchestratorAsset through the real engine against the emulator's Orchestrator: each value
 * type, update in place, a rotated key delivered to a Secret asset in the same `up`, and drift.
 * The failures and adoption are in orchestratorAssetFailures.test.ts (two files, so the runner
 * takes them in parallel). Each test is one scenario on its own emulator and stack.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import {
    editInOrchestrator,
    heldAsset,
    heldAssets,
    keyedFingerprint,
    SECRET_MARKER,
    sha256Prefix,
} from "./helpers/assets";
import { withKeysStack, type Fixture } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, heldProductKey, mutatingCallsSince } from "./helpers/service";
import { isStoredAsSecret, resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

it(
    "creates each value type; values are held by Orchestrator and only as ciphertext in state; destroy deletes them",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            programSource("orchestratorAsset.valueTypes"),
            {
                config: {
                    "test:apiKey": { secret: "asset-secret-value-1" },
                    "test:password": { secret: "asset-password-value-1" },
                },
            },
            async (f) => {
                f.addSecret("asset-secret-value-1", "the Secret asset's value");
                f.addSecret("asset-password-value-1", "the Credential asset's password");
                const upOutput = await step(
                    "up creates the five assets in Orchestrator with their values",
                    async () => {
                        const { output } = await f.stack.up();
                        const held = Object.fromEntries(heldAssets(f).map((a) => [a.name, a]));
                        assert.equal(held.Greeting?.stringValue, "hello robots");
                        assert.equal(held.Greeting?.description, "plain text");
                        assert.equal(held.ApiKey?.secretValue, "asset-secret-value-1");
                        assert.deepEqual(
                            [held.Mailbox?.credentialUsername, held.Mailbox?.credentialPassword],
                            ["bot@demo.local", "asset-password-value-1"],
                        );
                        assert.equal(held.BatchSize?.intValue, 42);
                        assert.equal(held.DryRun?.boolValue, true);
                        const outputs = await f.stack.outputs();
                        assert.equal(outputs.secretFingerprint, SECRET_MARKER);
                        assert.equal(outputs.textId, held.Greeting?.id);
                        return output;
                    },
                );

                await step(
                    "state holds the value and the password only as ciphertext, and no output echoes them",
                    async () => {
                        const { resources } = await f.stack.exportState();
                        for (const name of ["text", "secret", "integer", "bool"]) {
                            const r = resourceNamed(resources, name);
                            assert.ok(isStoredAsSecret(r.inputs?.value), `${name}: input value is ciphertext`);
                            if (name === "secret")
                                assert.ok(
                                    isStoredAsSecret(r.outputs?.value),
                                    "secret: the applied value is echoed only as ciphertext",
                                );
                            else assert.equal(r.outputs?.value, undefined, `${name}: no value output`);
                        }
                        const credential = resourceNamed(resources, "credential");
                        assert.ok(isStoredAsSecret(credential.inputs?.password));
                        assert.ok(
                            isStoredAsSecret(credential.outputs?.password),
                            "the applied password is echoed only as ciphertext",
                        );
                        assert.equal(credential.outputs?.username, "bot@demo.local");
                    },
                );

                await step(
                    "neither state nor CLI output holds a digest of the password or of the Secret value",
                    async () => {
                        const { text, resources } = await f.stack.exportState();
                        const digests = [
                            sha256Prefix(JSON.stringify(["bot@demo.local", "asset-password-value-1"])),
                            sha256Prefix("asset-password-value-1"),
                            sha256Prefix("asset-secret-value-1"),
                        ];
                        for (const digest of digests) {
                            assert.ok(!text.includes(digest), `stack export holds ${digest}`);
                            assert.ok(!upOutput.includes(digest), `up output holds ${digest}`);
                        }
                        for (const name of ["secret", "credential"])
                            assert.equal(resourceNamed(resources, name).outputs?.valueFingerprint, SECRET_MARKER);
                        // The readable types are fingerprinted with a key of their own, not by a bare digest.
                        const text0 = resourceNamed(resources, "text").outputs!;
                        assert.match(String(text0.fingerprintSalt), /^[0-9a-f]{32}$/);
                        assert.equal(
                            text0.valueFingerprint,
                            keyedFingerprint(String(text0.fingerprintSalt), "hello robots"),
                        );
                        assert.ok(!text.includes(sha256Prefix("hello robots")));
                    },
                );

                await step("a second up changes nothing", async () => {
                    const mark = auditMark(f);
                    await f.stack.up();
                    assert.deepEqual(mutatingCallsSince(f, mark), []);
                });

                await step("destroy deletes every asset", async () => {
                    await f.stack.destroy();
                    assert.deepEqual(heldAssets(f), []);
                });
            },
        ),
);

/** A Text asset in Shared/Finance; its value, description and name come from `test:` config. */
const updatable = programSource("orchestratorAsset.updatable");
const endpoint = (value: string, description: string, name?: string): Record<string, string> => ({
    "test:value": value,
    "test:description": description,
    ...(name !== undefined && { "test:name": name }),
});

it("updates the value and description in place; a rename replaces the asset", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(updatable, { config: endpoint("https://a.example", "first") }, async (f) => {
        const first = await step("up creates the asset", async () => {
            await f.stack.up();
            return (await f.stack.outputs()).assetId;
        });

        await step("a new value and description: preview proposes an update, up PUTs it and keeps the id", async () => {
            await f.stack.setConfig(endpoint("https://b.example", "second"));
            const preview = await f.stack.preview();
            assert.match(preview.output, /~\s*pulumi-nodejs:dynamic\/uipath:OrchestratorAsset: \(update\)/);
            const mark = auditMark(f);
            await f.stack.up();
            assert.deepEqual(
                mutatingCallsSince(f, mark).map((e) => e.method),
                ["PUT"],
            );
            const outputs = await f.stack.outputs();
            assert.equal(outputs.assetId, first);
            const held = heldAsset(f, "Endpoint", "Shared/Finance");
            assert.deepEqual([held?.stringValue, held?.description], ["https://b.example", "second"]);
            assert.equal(outputs.modified, new Date(held!.lastModificationTime!).toISOString());
        });

        await step(
            "a new name: preview proposes a replacement; up creates the new asset and deletes the old one",
            async () => {
                await f.stack.setConfig(endpoint("https://b.example", "second", "ServiceEndpoint"));
                assert.match(
                    (await f.stack.preview()).output,
                    /\+-\s*pulumi-nodejs:dynamic\/uipath:OrchestratorAsset: \(replace\)/,
                );
                await f.stack.up();
                assert.deepEqual(
                    heldAssets(f, "Shared/Finance").map((a) => a.name),
                    ["ServiceEndpoint"],
                );
                assert.notEqual((await f.stack.outputs()).assetId, first);
            },
        );

        await step(
            "only the casing of the name changes: the old asset is deleted first (Orchestrator names are case-insensitive)",
            async () => {
                await f.stack.setConfig(endpoint("https://b.example", "second", "serviceendpoint"));
                await f.stack.up();
                assert.deepEqual(
                    heldAssets(f, "Shared/Finance").map((a) => a.name),
                    ["serviceendpoint"],
                );
            },
        );
    }),
);

it(
    "rotating a DocumentUnderstandingApiKey updates the Secret asset fed from it in the same up",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(programSource("orchestratorAsset.fromKey"), async (f) => {
            const before = await step("up stores the current key in the asset", async () => {
                await f.stack.up();
                const key = await heldProductKey(f, "documentUnderstanding");
                assert.equal(heldAsset(f, "DocumentUnderstandingApiKey")?.secretValue, key);
                return key;
            });

            await step("after a rotation, the same up leaves the new key in the asset", async () => {
                await f.stack.setConfig({ "test:rotation": "2027-Q1" });
                await f.stack.up();
                const key = await heldProductKey(f, "documentUnderstanding");
                assert.notEqual(key, before);
                assert.equal(heldAsset(f, "DocumentUnderstandingApiKey")?.secretValue, key);
                // A Secret asset publishes no digest of what it holds, not even of a high-entropy key.
                assert.equal((await f.stack.outputs()).assetFingerprint, SECRET_MARKER);
            });
        }),
);

/** A resource's valueFingerprint as recorded in state. */
async function stateFingerprint(f: Fixture, resource: string): Promise<string> {
    return String(resourceNamed((await f.stack.exportState()).resources, resource).outputs?.valueFingerprint);
}

/** The keyed fingerprint a resource's value would have under its recorded salt. */
async function fingerprintInState(f: Fixture, resource: string, value: string): Promise<string> {
    return keyedFingerprint(
        String(resourceNamed((await f.stack.exportState()).resources, resource).outputs?.fingerprintSalt),
        value,
    );
}

const driftProgram = programSource("orchestratorAsset.drift");

it(
    "drift: values changed in Orchestrator show on refresh as fingerprint changes, never as values; up writes them back",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(driftProgram, { config: { "test:token": { secret: "declared-token-value" } } }, async (f) => {
            f.addSecret("declared-token-value", "the declared Secret value");
            f.addSecret("out-of-band-token-value", "a Secret value set in Orchestrator by hand");
            await step("up creates both assets", () => f.stack.up());

            await step("someone changes both values in Orchestrator", async () => {
                await editInOrchestrator(f, heldAsset(f, "Mode")!.id, {
                    Name: "Mode",
                    ValueType: "Text",
                    StringValue: "changed by hand",
                });
                await editInOrchestrator(f, heldAsset(f, "Token")!.id, {
                    Name: "Token",
                    ValueType: "Secret",
                    SecretValue: "out-of-band-token-value",
                });
            });

            await step("refresh reports both as valueFingerprint changes, without the values", async () => {
                const { output } = await f.stack.refresh();
                assert.match(output, /valueFingerprint/);
                assert.doesNotMatch(output, /changed by hand/);
                // Refresh updates the resources' state (stack outputs change only with an up).
                assert.equal(await stateFingerprint(f, "text"), await fingerprintInState(f, "text", "changed by hand"));
                assert.match(await stateFingerprint(f, "secret"), /^unknown: modified outside Pulumi at /);
            });

            await step("up writes the declared values back; a later refresh finds nothing to change", async () => {
                await f.stack.up();
                assert.equal(heldAsset(f, "Mode")?.stringValue, "declared");
                assert.equal(heldAsset(f, "Token")?.secretValue, "declared-token-value");
                await f.stack.refresh();
                assert.equal(await stateFingerprint(f, "text"), await fingerprintInState(f, "text", "declared"));
                assert.equal(await stateFingerprint(f, "secret"), SECRET_MARKER);
                await f.stack.pulumi(["preview", "--expect-no-changes"]);
            });
        }),
);
