/**
 * A key changed outside Pulumi is easy to see: refresh says so in one line (old and new
 * fingerprint), and the next preview says why the resource updates.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { readStored, withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, heldUserKey, mutatingCallsSince, regenerateUserKeyOutOfBand } from "./helpers/service";
import { resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const STORED = "stored-user-key";

const program = programSource("drift");

it("drift is named in one line by refresh and explained by the next preview", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(program, async (f) => {
        await step("create adopts the key", () => f.stack.up());

        await step(
            "a key regenerated outside Pulumi: refresh names it in one line with both fingerprints",
            async () => {
                const { keyFingerprint: oldFingerprint, rotatedAt } = await f.stack.outputs();
                await regenerateUserKeyOutOfBand(f);
                const { output } = await f.stack.refresh();
                const line = new RegExp(
                    `userKey of demo-org/DefaultTenant/orchestrator: the key changed outside Pulumi \\(fingerprint ${String(oldFingerprint)} => [0-9a-f]{16}\\); the next up hands it to the resources that use it`,
                );
                assert.match(output, line);
                // Stack outputs change only on up; the resource's state shows what refresh recorded.
                const recorded = resourceNamed((await f.stack.exportState()).resources, "orchestrator").outputs;
                assert.notEqual(recorded?.rotatedAt, rotatedAt, "a new key, a new rotation time");
                assert.equal(
                    recorded?.appliedKeyFingerprint,
                    oldFingerprint,
                    "dependents still hold the old key until the next up",
                );
            },
        );

        await step(
            "the next preview says why the key resource updates; up hands the key to the dependent",
            async () => {
                const preview = await f.stack.preview();
                assert.match(
                    preview.output,
                    /the key changed outside Pulumi \(fingerprint [0-9a-f]{16} => [0-9a-f]{16}\); this up hands it to the resources that use it/,
                );
                const mark = auditMark(f);
                await f.stack.up();
                assert.deepEqual(mutatingCallsSince(f, mark), []);
                assert.equal(readStored(f.stack, STORED), await heldUserKey(f));
                const again = await f.stack.preview();
                assert.doesNotMatch(again.output, /changed outside Pulumi/, "said once, until the next drift");
            },
        );
    }),
);
