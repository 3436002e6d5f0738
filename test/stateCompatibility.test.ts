/**
 * State written by the released version (test/fixtures/released-stack/state.json: one key of
 * each kind, each with a dependent, keys from the fixture's fixed seed) must keep working with
 * this checkout: imported into a fresh stack, it refreshes, previews no changes, rotates each
 * key exactly once and destroys.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { it } from "node:test";
import { readStored, withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, heldProductKey, heldUserKey, mutatingCallsSince, regenerations } from "./helpers/service";
import { isStoredAsSecret, resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";
import {
    EMULATOR_URL_PLACEHOLDER,
    FIXTURE_PASSPHRASE,
    RELEASED_TRIGGER,
    SEED_FILE,
    STATE_FILE,
} from "./fixtures/released-stack/paths";

/** The keys seed.json gives demo-org: what the released stack adopted and recorded. */
const SEEDED = (() => {
    const org = (
        JSON.parse(fs.readFileSync(SEED_FILE, "utf8")) as {
            organizations: {
                documentUnderstandingApiKey: string;
                computerVisionApiKey: string;
                tenants: { orchestratorUserKey: string }[];
            }[];
        }
    ).organizations[0]!;
    return {
        userKey: org.tenants[0]!.orchestratorUserKey,
        duKey: org.documentUnderstandingApiKey,
        cvKey: org.computerVisionApiKey,
    };
})();

/** Each key resource of the fixture, its dependent's file, and the stack output holding its key. */
const KEYS = [
    {
        resource: "orchestrator",
        secretOutput: "userKey",
        output: "userKey",
        file: "stored-user-key",
        kind: "orchestrator",
    },
    { resource: "du", secretOutput: "apiKey", output: "duKey", file: "stored-du-key", kind: "documentUnderstanding" },
    { resource: "cv", secretOutput: "apiKey", output: "cvKey", file: "stored-cv-key", kind: "computerVision" },
] as const;

it(
    "a stack written by the released version refreshes, previews no changes, rotates each key exactly once and destroys",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            programSource("stateCompatibility"),
            {
                emulator: { config: SEED_FILE },
                env: { PULUMI_CONFIG_PASSPHRASE: FIXTURE_PASSPHRASE },
                config: { "test:rotationTrigger": RELEASED_TRIGGER },
            },
            async (f) => {
                await step("import the released state, at this emulator's address", async () => {
                    // Stack config gives the provider its address, and Pulumi keeps a copy of that config
                    // in state as the default provider's inputs, which refresh and destroy use.
                    const deployment = fs
                        .readFileSync(STATE_FILE, "utf8")
                        .split(EMULATOR_URL_PLACEHOLDER)
                        .join(f.emulator.url);
                    const file = path.join(f.stack.dir, "released-state.json");
                    fs.writeFileSync(file, deployment);
                    await f.stack.importState(file);
                });

                await step(
                    "the imported keys are ciphertext that decrypts, under the fixture's passphrase, to the seeded keys",
                    async () => {
                        const { text, resources } = await f.stack.exportState();
                        for (const key of KEYS) {
                            assert.ok(
                                isStoredAsSecret(resourceNamed(resources, key.resource).outputs?.[key.secretOutput]),
                                `${key.resource}.${key.secretOutput} is encrypted`,
                            );
                            assert.ok(!text.includes(SEEDED[key.output]), `${key.output} is in plaintext in state`);
                        }
                        assert.deepEqual(await f.stack.outputs(), SEEDED);
                    },
                );

                await step("refresh succeeds, finds nothing changed and calls nothing that mutates", async () => {
                    const mark = auditMark(f);
                    const { output } = await f.stack.refresh();
                    assert.doesNotMatch(output, /\((update|replace|delete)\)/);
                    assert.deepEqual(mutatingCallsSince(f, mark), []);
                });

                await step("preview of the same program shows no changes", async () => {
                    const { output } = await f.stack.pulumi(["preview", "--diff", "--expect-no-changes"]);
                    assert.doesNotMatch(output, /to (create|update|replace|delete)/);
                });

                await step(
                    "a changed rotationTrigger regenerates each key exactly once and hands the new keys to the dependents",
                    async () => {
                        await f.stack.setConfig({ "test:rotationTrigger": "rotated-after-upgrade" });
                        const mark = auditMark(f);
                        await f.stack.up();
                        assert.equal(mutatingCallsSince(f, mark).length, KEYS.length, "one regeneration per key");
                        for (const key of KEYS)
                            assert.equal(regenerations(f, key.kind), 1, `${key.resource} regenerated once`);
                        const held = {
                            userKey: await heldUserKey(f),
                            duKey: await heldProductKey(f, "documentUnderstanding"),
                            cvKey: await heldProductKey(f, "computerVision"),
                        };
                        for (const key of KEYS) {
                            assert.notEqual(held[key.output], SEEDED[key.output], `${key.resource} has a new key`);
                            assert.equal(
                                readStored(f.stack, key.file),
                                held[key.output],
                                `${key.resource}'s dependent has the new key`,
                            );
                        }
                        assert.deepEqual(await f.stack.outputs(), held);
                    },
                );

                await step("destroy succeeds without revoking and empties the state", async () => {
                    const mark = auditMark(f);
                    await f.stack.destroy();
                    assert.deepEqual(mutatingCallsSince(f, mark), [], "delete does not revoke by default");
                    assert.deepEqual((await f.stack.exportState()).resources, []);
                });
            },
        ),
);
