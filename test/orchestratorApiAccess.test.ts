/**
 * OrchestratorApiAccess through the real engine against the emulator, as one scenario:
 * adopt on create, a previewed rotation that touches nothing, a rotation that regenerates once
 * and updates the dependent in the same run, drift on refresh, and destroy from another
 * checkout path. Each step starts from the state the previous one left.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { it } from "node:test";
import { USER_KEY_CLIENT_ID } from "../emulator";
import { DEMO, readStored, withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import {
    auditMark,
    heldUserKey,
    mutatingCallsSince,
    regenerateUserKeyOutOfBand,
    userKeyWorks,
} from "./helpers/service";
import { isStoredAsSecret, resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** An API access rotated by `test:rotationTrigger` and a dependent holding its key. */
const program = programSource("orchestratorApiAccess");

/** The dependent's file in the project folder. */
const STORED = "stored-user-key";

/**
 * Upper bound on the serialized provider in state: the by-name loader is at most 1 KB (Pulumi
 * stores it twice per resource); a serialized closure that captured the implementation would be
 * tens of thousands.
 */
const MAX_SERIALIZED_PROVIDER_CHARS = 1024;

it(
    "OrchestratorApiAccess: adopted on create, rotated exactly once per changed trigger with its dependent, drift refreshed, destroyed from a moved checkout",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { config: { "test:rotationTrigger": "initial" } }, async (f) => {
            await step("create adopts the current user key without regenerating it", async () => {
                const held = await heldUserKey(f);
                const mark = auditMark(f);
                await f.stack.preview();
                await f.stack.up();
                const outputs = await f.stack.outputs();
                assert.equal(outputs.userKey, held);
                assert.equal(outputs.tenantName, DEMO.tenant);
                assert.equal(outputs.accountLogicalName, DEMO.org);
                assert.equal(outputs.clientId, USER_KEY_CLIENT_ID);
                assert.equal(readStored(f.stack, STORED), held, "the dependent received the key");
                assert.deepEqual(mutatingCallsSince(f, mark), [], "adopting makes no mutating call");
                assert.equal(await heldUserKey(f), held);
            });

            await step(
                "preview of a changed rotationTrigger shows the replacement and the dependent, and calls nothing that mutates",
                async () => {
                    const mark = auditMark(f);
                    await f.stack.setConfig({ "test:rotationTrigger": "rotate-1" });
                    const { output } = await f.stack.preview();
                    assert.match(output, /\+-\s*pulumi-nodejs:dynamic\/uipath:OrchestratorApiAccess: \(replace\)/);
                    assert.match(output, /~ rotationTrigger\s*: "initial" => "rotate-1"/);
                    assert.match(
                        output,
                        /~ pulumi-nodejs:dynamic\/test:SecretStoreEntry: \(update\)/,
                        "the dependent is shown as touched",
                    );
                    assert.match(output, /\+-\s*1 to replace/);
                    assert.deepEqual(mutatingCallsSince(f, mark), [], "no mutating call during preview");
                },
            );

            await step(
                "up regenerates exactly once and updates the dependent in the same run; the old key fails, the new one works",
                async () => {
                    const oldKey = await heldUserKey(f);
                    const mark = auditMark(f);
                    await f.stack.up();
                    const calls = mutatingCallsSince(f, mark);
                    assert.equal(calls.length, 1, "one regeneration");
                    assert.match(calls[0]?.path ?? "", /\/revoke$/);
                    const newKey = await heldUserKey(f);
                    assert.notEqual(newKey, oldKey);
                    assert.equal((await f.stack.outputs()).userKey, newKey);
                    assert.equal(readStored(f.stack, STORED), newKey, "dependent updated in the same up");
                    assert.equal(await userKeyWorks(f, oldKey), false, "the old key is revoked");
                    assert.equal(await userKeyWorks(f, newKey), true, "the new key works");
                },
            );

            await step("an up with nothing changed makes no mutating call", async () => {
                const mark = auditMark(f);
                const { output } = await f.stack.up();
                assert.doesNotMatch(output, /to replace|replaced/);
                assert.deepEqual(mutatingCallsSince(f, mark), []);
            });

            await step("a plain `pulumi up`, with its own preview first, also regenerates exactly once", async () => {
                await f.stack.setConfig({ "test:rotationTrigger": "rotate-2" });
                const before = await heldUserKey(f);
                const mark = auditMark(f);
                const { output } = await f.stack.pulumi(["up", "--yes", "--diff"]);
                assert.match(output, /Previewing update/);
                assert.equal(mutatingCallsSince(f, mark).length, 1);
                const after = await heldUserKey(f);
                assert.notEqual(after, before);
                assert.equal(readStored(f.stack, STORED), after);
            });

            await step(
                "refresh reports a key regenerated outside Pulumi as drift, and the next up brings the dependent in line",
                async () => {
                    const { keyFingerprint: oldFingerprint } = await f.stack.outputs();
                    const outOfBand = await regenerateUserKeyOutOfBand(f);
                    const refresh = await f.stack.refresh();
                    assert.match(refresh.output, /~ pulumi-nodejs:dynamic\/uipath:OrchestratorApiAccess: \(update\)/);
                    assert.match(
                        refresh.output,
                        new RegExp(`keyFingerprint\\s*: "${String(oldFingerprint)}" => "[0-9a-f]{16}"`),
                    );
                    const access = resourceNamed((await f.stack.exportState()).resources, "orchestrator");
                    assert.notEqual(access.outputs?.keyFingerprint, oldFingerprint);
                    assert.equal(access.id, `${DEMO.org}/${DEMO.tenant}/orchestrator`, "refresh keeps the id");

                    await f.stack.up();
                    assert.equal(readStored(f.stack, STORED), outOfBand);
                    assert.equal((await f.stack.outputs()).userKey, outOfBand);
                },
            );

            await step(
                "state holds the serialized provider as a small by-name loader, without machine paths",
                async () => {
                    const provider = String(
                        resourceNamed((await f.stack.exportState()).resources, "orchestrator").inputs?.__provider ?? "",
                    );
                    assert.match(provider, /"pulumi-uipath-keys\/runtime"/);
                    assert.ok(
                        provider.length <= MAX_SERIALIZED_PROVIDER_CHARS,
                        `serialized provider is ${provider.length} chars`,
                    );
                    assert.ok(
                        !provider.includes(f.stack.dir) && !provider.includes(process.cwd()),
                        "no machine path in state",
                    );
                },
            );

            await step("state holds every key and the client secret only encrypted", async () => {
                const { text, resources } = await f.stack.exportState();
                for (const secret of f.secrets())
                    assert.ok(!text.includes(secret.value), `${secret.what} is in plaintext in stack export`);
                assert.ok(
                    isStoredAsSecret(resourceNamed(resources, "orchestrator").outputs?.userKey),
                    "userKey is stored as a secret",
                );
            });

            await step("destroy works from a copy of the project at another path, without revoking", async () => {
                const copy = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-moved-"));
                try {
                    fs.cpSync(f.stack.dir, copy, { recursive: true, verbatimSymlinks: true });
                    const held = await heldUserKey(f);
                    const mark = auditMark(f);
                    const { output } = await f.stack.destroy({ cwd: copy });
                    assert.match(output, /- 3 deleted|3 deleted/);
                    assert.deepEqual(mutatingCallsSince(f, mark), [], "delete does not revoke by default");
                    assert.equal(await heldUserKey(f), held);
                } finally {
                    fs.rmSync(copy, { recursive: true, force: true });
                }
            });
        }),
);
