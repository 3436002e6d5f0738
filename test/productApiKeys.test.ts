/**
 * Document Understanding and Computer Vision keys through the real engine: rotation by
 * `rotateAfter` on a controlled clock, `revokeOnDelete` that never touches a newer key, and
 * two organizations in one stack. Each test is one scenario on its own emulator and stack.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, callsSince, duKeyWorks, heldProductKey, mutatingCallsSince } from "./helpers/service";
import { resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** The provider's "now" for the rotateAfter scenario (set through UIPATH_KEYS_NOW); any fixed date works. */
const T0 = "2027-01-01T00:00:00.000Z";
const DAY_MS = 86_400_000;
const days = (n: number) => new Date(Date.parse(T0) + n * DAY_MS).toISOString();
const at = (iso: string) => ({ env: { UIPATH_KEYS_NOW: iso } });

it(
    "DocumentUnderstandingApiKey with rotateAfter: adopted and verified, kept before the period, regenerated once after it",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(programSource("productApiKeys.rotateAfter"), async (f) => {
            await step("up on day 0 adopts both keys and verifies the Document Understanding key", async () => {
                await f.stack.up(at(T0));
                const outputs = await f.stack.outputs();
                assert.equal(outputs.duKey, await heldProductKey(f, "documentUnderstanding"));
                assert.equal(outputs.cvKey, await heldProductKey(f, "computerVision"));
                assert.equal(outputs.duDueAt, days(30));
                assert.ok(
                    callsSince(f, 0).some(
                        (e) => e.method === "POST" && e.path === "/metering/validate" && e.status === 200,
                    ),
                    "verify called Document Understanding's metering validate",
                );
            });

            await step("on day 29 the key is not due: preview and up replace nothing", async () => {
                const mark = auditMark(f);
                const { output } = await f.stack.preview(at(days(29)));
                assert.doesNotMatch(output, /replace/);
                await f.stack.up(at(days(29)));
                assert.deepEqual(mutatingCallsSince(f, mark), []);
            });

            await step(
                "on day 31 it is replaced: regenerated once, the old key fails at once, the period restarts",
                async () => {
                    const oldKey = await heldProductKey(f, "documentUnderstanding");
                    const preview = await f.stack.preview(at(days(31)));
                    assert.match(
                        preview.output,
                        /\+-\s*pulumi-nodejs:dynamic\/uipath:DocumentUnderstandingApiKey: \(replace\)/,
                    );
                    assert.doesNotMatch(preview.output, /ComputerVisionApiKey: \(replace\)/);
                    const mark = auditMark(f);
                    await f.stack.up(at(days(31)));
                    const calls = mutatingCallsSince(f, mark);
                    assert.equal(calls.length, 1);
                    assert.match(calls[0]?.path ?? "", /documentUnderstanding\/regenerate$/);
                    const outputs = await f.stack.outputs();
                    assert.notEqual(outputs.duKey, oldKey);
                    assert.equal(outputs.duKey, await heldProductKey(f, "documentUnderstanding"));
                    assert.equal(outputs.duDueAt, days(61), "the period restarts from the rotation");
                    assert.equal(await duKeyWorks(f, oldKey), false);
                    assert.equal(await duKeyWorks(f, String(outputs.duKey)), true);
                },
            );
        }),
);

/** A Computer Vision key revoked on delete, rotated by `test:rotationTrigger`. */
const revokingProgram = programSource("productApiKeys.revoking");

it(
    "revokeOnDelete: a rotation's replacement keeps the new key; removing the resource regenerates the key it held",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(revokingProgram, { config: { "test:rotationTrigger": "a" } }, async (f) => {
            await step("create adopts the key", () => f.stack.up());

            await step(
                "a rotation's replacement does not revoke the new key when it deletes the old resource",
                async () => {
                    await f.stack.setConfig({ "test:rotationTrigger": "b" });
                    const mark = auditMark(f);
                    await f.stack.up();
                    assert.equal(mutatingCallsSince(f, mark).length, 1, "only the rotation itself regenerates");
                    assert.equal(
                        (await f.stack.outputs()).cvKey,
                        await heldProductKey(f, "computerVision"),
                        "the new key is still current",
                    );
                },
            );

            await step("removing the resource from the program regenerates the key it holds", async () => {
                const held = await heldProductKey(f, "computerVision");
                f.stack.writeProgram(programSource("empty"));
                const mark = auditMark(f);
                await f.stack.up();
                assert.equal(mutatingCallsSince(f, mark).length, 1);
                assert.notEqual(await heldProductKey(f, "computerVision"), held);
            });
        }),
);

/** The second organization of the demo seed and its app's credentials (fake, from the seed; the program names the first two). */
const SECOND = { org: "retired-org", clientId: "retired-client", clientSecret: "retired-secret" } as const;

it(
    "two organizations in one stack: each key fetched with its own connection, stored encrypted, refreshed and destroyed from state",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(programSource("productApiKeys.twoOrganizations"), async (f) => {
            await step("configure the second organization's connection", async () => {
                await f.stack.pulumi(["config", "set", "test:secondBaseUrl", f.emulator.url]);
                await f.stack.setSecretConfig("test:secondClientSecret", SECOND.clientSecret);
            });

            await step("up fetches each organization's key with its own connection, stored encrypted", async () => {
                const { output } = await f.stack.up();
                const outputs = await f.stack.outputs();
                assert.equal(outputs.mainKey, await heldProductKey(f, "documentUnderstanding"));
                assert.equal(outputs.secondKey, await heldProductKey(f, "documentUnderstanding", SECOND.org));
                assert.notEqual(outputs.mainKey, outputs.secondKey);
                const { text, resources } = await f.stack.exportState();
                for (const secret of [SECOND.clientSecret, String(outputs.secondKey), String(outputs.mainKey)]) {
                    assert.ok(!text.includes(secret), "secret in plaintext in state");
                    assert.ok(!output.includes(secret), "secret in CLI output");
                }
                assert.equal(resourceNamed(resources, "second-org").id, `${SECOND.org}/documentUnderstanding`);
            });

            // Refresh and destroy run from state alone: the per-resource connection must be there.
            await step("refresh succeeds from state", () => f.stack.refresh());
            await step("destroy succeeds from state", () => f.stack.destroy());
        }),
);
