/**
 * `pulumi up --replace` of a key: the engine gives a dynamic provider no sign
 * of a forced replacement (no diff, check without old state), so create adopts
 * the key the service holds. The run says so in one line and changes nothing
 * at UiPath; changing rotationTrigger is what rotates. An application secret's
 * forced replacement is a new secret, which the old one's delete must spare.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { secretIds, secretWorks } from "./helpers/externalApps";
import { readStored, withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, heldUserKey, mutatingCallsSince } from "./helpers/service";
import { resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** An API access revoked on delete, rotated by `test:rotation`. */
const program = programSource("forcedReplace");

it(
    "a forced replacement adopts the same key, says so, and calls nothing that changes it",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, async (f) => {
            await step("create adopts the key", () => f.stack.up());
            const before = await f.stack.outputs();

            await step(
                "up --replace: the same key, no mutating call, and one line saying a trigger rotates",
                async () => {
                    const { urn } = resourceNamed((await f.stack.exportState()).resources, "orchestrator");
                    const mark = auditMark(f);
                    const { output } = await f.stack.pulumi(["up", "--yes", "--skip-preview", "--replace", urn]);
                    assert.match(
                        output,
                        new RegExp(
                            `replaced without a new key: the replacement adopted the key it already had \\(fingerprint ${String(before.keyFingerprint)}\\)`,
                        ),
                    );
                    assert.match(
                        output,
                        /A forced replacement \(pulumi up --replace, a tainted resource\) looks like a first create to a dynamic provider, so it cannot rotate: change rotationTrigger to rotate/,
                    );
                    assert.deepEqual(
                        mutatingCallsSince(f, mark),
                        [],
                        "revokeOnDelete did not revoke the key the replacement holds",
                    );
                    const after = await f.stack.outputs();
                    assert.equal(after.userKey, before.userKey);
                    assert.equal(
                        after.userKey,
                        await heldUserKey(f),
                        "the service still holds the key the stack holds",
                    );
                },
            );

            await step("a changed trigger rotates, and says nothing about a forced replacement", async () => {
                await f.stack.setConfig({ "test:rotation": "r1" });
                const mark = auditMark(f);
                const { output } = await f.stack.up();
                assert.doesNotMatch(output, /replaced without a new key/);
                assert.equal(mutatingCallsSince(f, mark).length, 1);
                const after = await f.stack.outputs();
                assert.notEqual(after.userKey, before.userKey);
                assert.equal(after.userKey, await heldUserKey(f));
            });
        }),
);

/** An app without a first secret, one managed secret, and a consumer of the credentials (no `test:` config set). */
const secretProgram = programSource("externalApplicationSecret");

it(
    "a forced replacement of an application secret leaves the new secret working and the consumer on it",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(secretProgram, async (f) => {
            await step("up creates the app and one secret", () => f.stack.up());
            const before = (await f.stack.outputs()) as { clientId: string; secretValue: string; secretId: number };

            await step(
                "up --replace of the secret: a new secret, the old one deleted, the consumer on the new one",
                async () => {
                    const { urn } = resourceNamed((await f.stack.exportState()).resources, "secret");
                    await f.stack.pulumi(["up", "--yes", "--skip-preview", "--replace", urn]);
                    const after = (await f.stack.outputs()) as {
                        clientId: string;
                        secretValue: string;
                        secretId: number;
                    };
                    assert.notEqual(after.secretId, before.secretId);
                    assert.deepEqual(
                        await secretIds(f, after.clientId),
                        [after.secretId],
                        "only the new secret exists",
                    );
                    assert.equal(await secretWorks(f, after.clientId, after.secretValue), true);
                    assert.equal(await secretWorks(f, before.clientId, before.secretValue), false);
                    const consumer = JSON.parse(readStored(f.stack, "creds.json") ?? "{}") as { clientSecret?: string };
                    assert.equal(consumer.clientSecret, after.secretValue);
                },
            );

            await step("a plain up afterwards changes nothing", async () => {
                const mark = auditMark(f);
                await f.stack.up();
                assert.deepEqual(mutatingCallsSince(f, mark), []);
            });
        }),
);
