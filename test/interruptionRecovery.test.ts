/**
 * Every recovery a user might try after an `up` killed mid-rotation ends with exactly one
 * regeneration and every dependent on the live key: `cancel` then `up`; `cancel`, `refresh`,
 * `up`; `cancel`, `preview`, `up`; `cancel`, two refreshes, `up`. Each round kills a rotation
 * after the service received the regeneration (it carries it out although the client is gone).
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { readStored, withKeysStack, type Fixture } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { heldProductKey, injectFaults, pendingFaults, regenerations, until } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** The dependent's file (the program names it too). */
const STORED = "stored-cv-key";

/** A Computer Vision key rotated by `test:rotationTrigger` and a dependent holding it. */
const program = programSource("interruptionRecovery");

/** How long the emulator holds the regeneration: the window in which the CLI is killed (see interruption.test.ts). */
const HELD_REGENERATION_MS = 5000;

/**
 * How long an `up` may take to reach its regeneration: it starts the program and the provider
 * first, which on a 2-core machine shared with other test runs can take over a minute.
 */
const RUN_START_TIMEOUT_MS = 300_000;

/** Starts an `up` that rotates (new trigger), kills it once the regeneration reached the service, and waits for the service to finish it. */
async function killMidRotation(f: Fixture, trigger: string): Promise<number> {
    const before = regenerations(f, "computerVision");
    await f.stack.setConfig({ "test:rotationTrigger": trigger });
    await injectFaults(f, [
        { method: "POST", path: "/computerVision/regenerate$", latencyMs: HELD_REGENERATION_MS, count: 1 },
    ]);
    const run = f.stack.start(["up", "--yes", "--skip-preview"]);
    let output = "";
    run.stdout?.on("data", (chunk: Buffer) => void (output += chunk));
    run.stderr?.on("data", (chunk: Buffer) => void (output += chunk));
    let gone = false;
    const exited = new Promise((resolve) => run.on("exit", resolve)).then(() => void (gone = true));
    await until(
        "the regeneration to reach the service",
        async () => {
            // An up that ended on its own never reached the regeneration: say why, at once.
            if (gone) throw new Error(`the up exited before its regeneration reached the service:\n${output}`);
            return (await pendingFaults(f)).length === 0;
        },
        RUN_START_TIMEOUT_MS,
    );
    f.stack.killCli(run);
    await exited;
    await until("the service to finish the regeneration", () => regenerations(f, "computerVision") === before + 1);
    return before + 1;
}

/** After recovery: exactly the one regeneration of the killed run, and the stack and its dependent hold the live key. */
async function recoveredWithOneRegeneration(f: Fixture, expected: number): Promise<void> {
    assert.equal(regenerations(f, "computerVision"), expected, "exactly one regeneration for the killed rotation");
    const live = await heldProductKey(f, "computerVision");
    assert.equal((await f.stack.outputs()).cvKey, live, "the resource holds the live key");
    assert.equal(readStored(f.stack, STORED), live, "the dependent holds the live key");
    const again = await f.stack.up();
    assert.doesNotMatch(again.output, /replace/, "a further up changes nothing");
    assert.equal(regenerations(f, "computerVision"), expected);
}

it(
    "every recovery order after an up killed mid-rotation ends with one regeneration and dependents on the live key",
    { timeout: 2 * SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { config: { "test:rotationTrigger": "a" } }, async (f) => {
            await step("create adopts the key", () => f.stack.up());

            await step("cancel, then up", async () => {
                const expected = await killMidRotation(f, "b");
                await f.stack.pulumi(["cancel", "--yes"]);
                await f.stack.up();
                await recoveredWithOneRegeneration(f, expected);
            });

            await step("cancel, refresh, then up", async () => {
                const expected = await killMidRotation(f, "c");
                await f.stack.pulumi(["cancel", "--yes"]);
                const refresh = await f.stack.refresh();
                assert.match(
                    refresh.output,
                    /the key changed outside Pulumi \(fingerprint [0-9a-f]{16} => [0-9a-f]{16}\)/,
                    "refresh names the change",
                );
                const { output } = await f.stack.up();
                assert.match(output, /counts it as the rotation asked for/);
                await recoveredWithOneRegeneration(f, expected);
            });

            await step("cancel, preview, then up", async () => {
                const expected = await killMidRotation(f, "d");
                await f.stack.pulumi(["cancel", "--yes"]);
                const preview = await f.stack.preview();
                assert.match(preview.output, /\(replace\)/);
                await f.stack.up();
                await recoveredWithOneRegeneration(f, expected);
            });

            await step("cancel, refresh, refresh again, then up", async () => {
                const expected = await killMidRotation(f, "e");
                await f.stack.pulumi(["cancel", "--yes"]);
                await f.stack.refresh();
                await f.stack.refresh();
                await f.stack.up();
                await recoveredWithOneRegeneration(f, expected);
            });
        }),
);
