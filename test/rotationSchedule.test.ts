/**
 * rotationHistory, rotationWindow and rotationGroup through the real engine on the provider's
 * clock (UIPATH_KEYS_NOW): two keys of one group, due together, wait for the nightly window and
 * then rotate on different nights; a changed trigger rotates at once, outside the window; every
 * rotation is in the history with its cause, and a refresh keeps it.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, mutatingCallsSince } from "./helpers/service";
import { resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";
import type { RotationHistoryEntry } from "../provider";

const T0 = Date.parse("2027-01-01T00:00:00.000Z");
const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();
/** Day `d` after T0, `h` hours into it. */
const at = (d: number, h: number) => ({ env: { UIPATH_KEYS_NOW: iso(T0 + d * DAY + h * HOUR) } });
/** Which product key each run regenerated, from the emulator's audit log. */
const regenerated = (f: Parameters<typeof mutatingCallsSince>[0], mark: number) =>
    mutatingCallsSince(f, mark)
        .map((e) => /(documentUnderstanding|computerVision)\/regenerate$/.exec(e.path)?.[1])
        .filter((k) => k !== undefined);

it(
    "a group's keys due together wait for the window and rotate on different nights; a trigger rotates at once; the history records each cause and survives refresh",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(programSource("rotationSchedule"), async (f) => {
            const slots = await step("day 0: up adopts both keys; the program gives them distinct slots", async () => {
                await f.stack.up(at(0, 0));
                const { resources } = await f.stack.exportState();
                const slotOf = (name: string) =>
                    resourceNamed(resources, name).inputs?.rotationGroupSlot as { index: number; size: number };
                const du = slotOf("du");
                const cv = slotOf("cv");
                assert.equal(du.size, 2);
                assert.equal(cv.size, 2);
                assert.notEqual(du.index, cv.index);
                const outputs = await f.stack.outputs();
                assert.deepEqual(outputs.duHistory, [], "adopting is no rotation");
                return { du: du.index, cv: cv.index };
            });
            // Member k of 2 may rotate on UTC days numbered k modulo 2. Day 32 is 2027-02-02.
            const day32 = Math.floor((T0 + 32 * DAY) / DAY) % 2;
            const first = slots.du === day32 ? "documentUnderstanding" : "computerVision";
            const second = first === "documentUnderstanding" ? "computerVision" : "documentUnderstanding";

            await step(
                "day 31 at noon: both keys are due by age, outside the window: preview says when each window opens, up regenerates neither",
                async () => {
                    const { output } = await f.stack.preview(at(31, 12));
                    const opening = (slot: number) => iso(T0 + (slot === day32 ? 32 : 33) * DAY + 2 * HOUR);
                    for (const [name, slot] of Object.entries(slots)) {
                        assert.match(
                            output,
                            new RegExp(
                                `uipath: apiKey of demo-org/${name === "du" ? "documentUnderstanding" : "computerVision"}[^\\n]*: due \\(rotateAfter 30d has passed since 2027-01-01T00:00:00.000Z\\), waiting for the window opening at ${opening(slot).replace(/\./g, "\\.")} \\(rotationGroup 'pair': member ${slot + 1} of 2\\)`,
                            ),
                        );
                    }
                    assert.doesNotMatch(output, /ApiKey: \(replace\)/);
                    console.log(
                        `preview on day 31 at noon:\n  ${output
                            .split("\n")
                            .filter((l) => /uipath: /.test(l))
                            .join("\n  ")}`,
                    );
                    const mark = auditMark(f);
                    await f.stack.up(at(31, 12));
                    assert.deepEqual(regenerated(f, mark), []);
                },
            );

            await step("day 32, 02:30, window open: only the member whose night it is rotates", async () => {
                const mark = auditMark(f);
                await f.stack.up(at(32, 2.5));
                assert.deepEqual(regenerated(f, mark), [first]);
            });

            await step("day 33, 02:30: the other member rotates, alone", async () => {
                const mark = auditMark(f);
                await f.stack.up(at(33, 2.5));
                assert.deepEqual(regenerated(f, mark), [second]);
            });

            await step("day 33 at noon, outside the window: a changed trigger rotates at once", async () => {
                await f.stack.pulumi(["config", "set", "test:trigger", "b"]);
                const preview = await f.stack.preview(at(33, 12));
                assert.match(preview.output, /DocumentUnderstandingApiKey: \(replace\)/);
                assert.doesNotMatch(preview.output, /waiting for the window/);
                const mark = auditMark(f);
                await f.stack.up(at(33, 12));
                assert.deepEqual(regenerated(f, mark), ["documentUnderstanding"]);
            });

            await step(
                "the histories name each rotation, its cause and the fingerprints or secret ids, and a refresh keeps them",
                async () => {
                    const outputs = await f.stack.outputs();
                    await f.stack.refresh(at(33, 13));
                    const { resources, text } = await f.stack.exportState();
                    const history = (name: string) =>
                        resourceNamed(resources, name).outputs?.rotationHistory as RotationHistoryEntry[];
                    const du = history("du");
                    const cv = history("cv");
                    const secret = history("secret");
                    assert.deepEqual(outputs.duHistory, du, "refresh kept the history");
                    assert.deepEqual(outputs.secretHistory, secret, "refresh kept the history");
                    const night = (d: number) => iso(T0 + d * DAY + 2.5 * HOUR);
                    const duNight = first === "documentUnderstanding" ? 32 : 33;
                    assert.deepEqual(
                        du.map((e) => [e.cause, e.at]),
                        [
                            ["age", night(duNight)],
                            ["trigger", iso(T0 + 33 * DAY + 12 * HOUR)],
                        ],
                    );
                    assert.deepEqual(
                        cv.map((e) => [e.cause, e.at]),
                        [["age", night(first === "computerVision" ? 32 : 33)]],
                    );
                    // Each entry goes from the fingerprint before to the one after, and retires the one before.
                    assert.equal(du[1]?.from, du[0]?.to);
                    assert.equal(du[1]?.to, outputs.duFingerprint);
                    assert.equal(cv[0]?.to, outputs.cvFingerprint);
                    for (const e of [...du, ...cv]) assert.deepEqual(e.retired, [e.from]);
                    // The secret (no window) rotated by age on day 31 and by trigger on day 33: two phases, so
                    // the first rotation retired nothing and the second the secret the first made previous.
                    assert.deepEqual(
                        secret.map((e) => e.cause),
                        ["age", "trigger"],
                    );
                    assert.equal(secret[1]?.from, secret[0]?.to);
                    assert.equal(secret[1]?.to, outputs.secretId);
                    assert.deepEqual(secret[0]?.retired, []);
                    assert.deepEqual(secret[1]?.retired, [secret[0]?.from]);
                    assert.ok(text.includes('"rotationHistory"'));
                },
            );
        }),
);
