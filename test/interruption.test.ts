/**
 * A `pulumi up` killed while a rotation is in flight: the service rotated, the state did not
 * record it. After `pulumi cancel` (the file backend keeps the dead run's lock), the next `up`
 * reconciles without rotating again.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { heldProductKey, injectFaults, pendingFaults, regenerations, until } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** A Computer Vision key rotated by `test:rotationTrigger`. */
const program = programSource("interruption");

/**
 * How long the emulator holds the regeneration before answering: the window in which the test
 * kills the CLI. Far longer than the test needs to notice the request arrived (it polls every
 * 100 ms), so the kill lands while the request is in flight.
 */
const HELD_REGENERATION_MS = 5000;

it(
    "an up killed during a rotation is reconciled by the next up without a second rotation",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { config: { "test:rotationTrigger": "a" } }, async (f) => {
            await step("create adopts the key", () => f.stack.up());

            await step(
                "an up that changes the trigger is killed while the service holds the regeneration",
                async () => {
                    await f.stack.setConfig({ "test:rotationTrigger": "b" });
                    await injectFaults(f, [
                        {
                            method: "POST",
                            path: "/computerVision/regenerate$",
                            latencyMs: HELD_REGENERATION_MS,
                            count: 1,
                        },
                    ]);
                    const run = f.stack.start(["up", "--yes", "--skip-preview"]);
                    const exited = new Promise((resolve) => run.on("exit", resolve));
                    // The rule is used up once the regeneration has reached the service.
                    await until(
                        "the regeneration to reach the service",
                        async () => (await pendingFaults(f)).length === 0,
                    );
                    f.stack.killCli(run);
                    await exited;
                },
            );

            await step("the service still finishes the regeneration it received", () =>
                until("the service to finish the regeneration", () => regenerations(f, "computerVision") === 1),
            );

            await step("the next up is refused: the dead run's lock is still held", async () => {
                const locked = await f.stack.up({ allowFailure: true });
                assert.notEqual(locked.code, 0);
                assert.match(locked.output, /locked/);
            });

            await step("after `pulumi cancel`, the next up adopts the rotation that already happened", async () => {
                await f.stack.pulumi(["cancel", "--yes"]);
                const { output } = await f.stack.up();
                assert.match(output, /pending operations|interrupted while creating/);
                assert.equal(regenerations(f, "computerVision"), 1, "the rotation that already happened is adopted");
                assert.equal((await f.stack.outputs()).cvKey, await heldProductKey(f, "computerVision"));
            });

            await step("a further up changes nothing", async () => {
                const again = await f.stack.up();
                assert.doesNotMatch(again.output, /replace/);
                assert.equal(regenerations(f, "computerVision"), 1);
            });
        }),
);
