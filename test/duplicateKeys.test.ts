/**
 * Two resources in one stack that manage the same key would each rotate it: refused, naming
 * both, before any mutating call, in preview and in up. Names compare as UiPath compares them.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, heldProductKey, heldUserKey, mutatingCallsSince } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** One resource per key, each rotated by its own trigger; `test:duplicate` adds a second resource for one key. */
const program = programSource("duplicateKeys");

/** Stack config for {@link program}: the two triggers and the duplicate, if any ("" for none). */
const keys = (
    duTrigger: string,
    orchestratorTrigger: string,
    duplicate: "" | "documentUnderstanding" | "tenantInAnotherCase" = "",
): Record<string, string> => ({
    "test:duTrigger": duTrigger,
    "test:orchestratorTrigger": orchestratorTrigger,
    "test:duplicate": duplicate,
});

/** Runs a command that must be refused for the duplicate, and returns its output. */
async function refused(run: () => Promise<{ code: number; output: string }>): Promise<string> {
    const result = await run();
    assert.notEqual(result.code, 0, `expected a refusal, got:\n${result.output}`);
    return result.output;
}

it(
    "two resources managing one key are refused in preview and up, naming both, with no mutating call",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { config: keys("a", "a") }, async (f) => {
            await step("one resource per key is accepted", () => f.stack.up());

            await step(
                "a second DocumentUnderstandingApiKey for the organization, with a rotation asked for: preview and up refuse",
                async () => {
                    const held = await heldProductKey(f, "documentUnderstanding");
                    await f.stack.setConfig(keys("b", "a", "documentUnderstanding"));
                    const mark = auditMark(f);
                    for (const output of [
                        await refused(() => f.stack.preview({ allowFailure: true })),
                        await refused(() => f.stack.up({ allowFailure: true })),
                    ]) {
                        assert.match(
                            output,
                            /DocumentUnderstandingApiKey "du-main" \(organization demo-org\) and DocumentUnderstandingApiKey "du-copy" \(organization demo-org\) manage the same key/,
                        );
                        assert.doesNotMatch(output, /\n\s+at /, "no stack trace");
                    }
                    assert.deepEqual(mutatingCallsSince(f, mark), [], "no mutating call");
                    assert.equal(await heldProductKey(f, "documentUnderstanding"), held);
                },
            );

            await step(
                'tenant "DefaultTenant" beside "defaulttenant" (service in another case too): preview and up refuse',
                async () => {
                    const held = await heldUserKey(f);
                    await f.stack.setConfig(keys("a", "b", "tenantInAnotherCase"));
                    const mark = auditMark(f);
                    for (const output of [
                        await refused(() => f.stack.preview({ allowFailure: true })),
                        await refused(() => f.stack.up({ allowFailure: true })),
                    ]) {
                        assert.match(
                            output,
                            /OrchestratorApiAccess "orch-main" \(organization demo-org, tenant DefaultTenant, service orchestrator\) and OrchestratorApiAccess "orch-copy" \(organization demo-org, tenant defaulttenant, service Orchestrator\) manage the same key/,
                        );
                    }
                    assert.deepEqual(mutatingCallsSince(f, mark), [], "no mutating call");
                    assert.equal(await heldUserKey(f), held);
                },
            );

            await step("with the duplicates removed, the rotation regenerates each key once", async () => {
                await f.stack.setConfig(keys("b", "b"));
                const mark = auditMark(f);
                await f.stack.up();
                assert.equal(mutatingCallsSince(f, mark).length, 2);
            });
        }),
);
