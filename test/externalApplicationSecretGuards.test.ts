/**
 * The overlap guard and `emergency` of ExternalApplicationSecret through the real engine against
 * the emulator, on the provider's clock (`UIPATH_KEYS_NOW`): a second rotation the same UTC day is
 * refused at preview, before any call, naming the secret it would retire and when that becomes
 * safe, and goes through once the clock passes it; `emergency` rotates at once and retires every
 * older secret, and the preview says so; `emergency` with nothing to rotate is refused.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { secretCallsSince, secretIds, secretWorks } from "./helpers/externalApps";
import { DEMO, readStored, withKeysStack, type Fixture } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, mutatingCallsSince } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const program = programSource("rotatingSecret");
const T0 = Date.parse("2027-01-01T00:00:00.000Z");
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (ms: number) => ({ env: { UIPATH_KEYS_NOW: iso(ms) } });

interface Held {
    clientId: string;
    secretValue: string;
    secretId: number;
    previousSecretId?: number;
}
const held = async (f: Fixture) => (await f.stack.outputs()) as unknown as Held;
const consumerSecret = (f: Fixture) =>
    (JSON.parse(readStored(f.stack, "creds.json") ?? "{}") as { clientSecret?: string }).clientSecret;
const setConfig = (f: Fixture, values: Record<string, string>) =>
    f.stack.pulumi([
        "config",
        "set-all",
        ...Object.entries(values).flatMap(([k, v]) => ["--plaintext", `test:${k}=${v}`]),
    ]);
/** The provider's notice or error line holding `needle`, trimmed. */
const lineWith = (output: string, needle: string) =>
    output
        .split("\n")
        .find((l) => l.includes(needle))
        ?.trim();

/** Creates the secret at T0 and rotates it at T0 + 1 h: secret 1 is then the previous one, superseded at T0 + 1 h. */
async function createAndRotateOnce(f: Fixture): Promise<{ first: Held; second: Held }> {
    return step("create at 00:00 and rotate at 01:00 (nothing to retire yet)", async () => {
        await f.stack.up(at(T0));
        const first = await held(f);
        await setConfig(f, { trigger: "r1" });
        await f.stack.up(at(T0 + HOUR));
        const second = await held(f);
        assert.equal(second.previousSecretId, first.secretId);
        return { first, second };
    });
}

it(
    "a second rotation the same UTC day is refused at preview, naming the secret and when it is safe; it goes through once the clock passes that",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, async (f) => {
            const { first, second } = await createAndRotateOnce(f);
            await step("at 02:00: preview and up refuse the rotation, before any call", async () => {
                await setConfig(f, { trigger: "r2" });
                const mark = auditMark(f);
                const preview = await f.stack.preview({ ...at(T0 + 2 * HOUR), allowFailure: true });
                assert.notEqual(preview.code, 0, preview.output);
                const refusal = `rotation refused (rotationTrigger changed): it would retire previous secret ${first.secretId}, which consumers may still hold: it was superseded at ${iso(T0 + HOUR)}, earlier this UTC day (no overlap set). It is safe to retire from ${iso(T0 + 24 * HOUR)}: run up then, or set emergency: true to rotate now and retire every older secret.`;
                assert.ok(preview.output.includes(refusal), preview.output);
                console.log(`preview: ${lineWith(preview.output, "rotation refused")}`);
                const up = await f.stack.pulumi(["up", "--yes", "--diff"], {
                    ...at(T0 + 2 * HOUR),
                    allowFailure: true,
                });
                assert.notEqual(up.code, 0);
                assert.ok(up.output.includes(refusal));
                assert.deepEqual(mutatingCallsSince(f, mark), [], "nothing was changed");
                const now = await held(f);
                assert.equal(now.secretId, second.secretId);
                assert.equal(now.previousSecretId, first.secretId);
                assert.equal(await secretWorks(f, now.clientId, first.secretValue), true);
            });
            await step("at 00:00 the next day: the preview names the secret it retires; up rotates", async () => {
                const preview = await f.stack.preview(at(T0 + 24 * HOUR));
                assert.match(preview.output, new RegExp(`retires previous secret ${first.secretId}\\.`));
                const mark = auditMark(f);
                await f.stack.up(at(T0 + 24 * HOUR));
                assert.deepEqual(secretCallsSince(f, mark), [
                    "POST /GenerateSecret 200",
                    `DELETE /${DEMO.pg}/secrets/${first.secretId} 204`,
                ]);
                const h = await held(f);
                assert.equal(h.previousSecretId, second.secretId);
                assert.equal(consumerSecret(f), h.secretValue);
            });
        }),
);

it(
    "emergency: refused on a secret being created; with a new trigger it rotates at once and retires every older secret, and the preview says so; left set, it is refused",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, async (f) => {
            await step("emergency on a secret being created is refused at preview, naming the field", async () => {
                await setConfig(f, { emergency: "true" });
                const mark = auditMark(f);
                const preview = await f.stack.preview({ ...at(T0), allowFailure: true });
                assert.notEqual(preview.code, 0);
                assert.match(
                    preview.output,
                    /property emergency value \{true\} has a problem: emergency: true on a secret being created: there is no older secret to retire/,
                );
                assert.deepEqual(mutatingCallsSince(f, mark), []);
                await f.stack.pulumi(["config", "rm", "test:emergency"]);
            });
            const { first, second } = await createAndRotateOnce(f);
            await step(
                "at 02:00, emergency with a new trigger: the preview says every older secret is retired; up deletes both",
                async () => {
                    await setConfig(f, { trigger: "leaked", emergency: "true" });
                    const preview = await f.stack.preview(at(T0 + 2 * HOUR));
                    const line = lineWith(preview.output, "EMERGENCY rotation");
                    console.log(`preview: ${line}`);
                    assert.ok(
                        line?.endsWith(
                            `EMERGENCY rotation (rotationTrigger changed): generates a new secret and retires every older secret in this run, with no grace: deletes secret(s) ${first.secretId}, ${second.secretId}; consumers still holding them fail until they get the new secret.`,
                        ),
                        line,
                    );
                    const mark = auditMark(f);
                    await f.stack.up(at(T0 + 2 * HOUR));
                    assert.deepEqual(secretCallsSince(f, mark), [
                        "POST /GenerateSecret 200",
                        `DELETE /${DEMO.pg}/secrets/${first.secretId} 204`,
                        `DELETE /${DEMO.pg}/secrets/${second.secretId} 204`,
                    ]);
                    const h = await held(f);
                    assert.equal(h.previousSecretId, undefined);
                    assert.deepEqual(await secretIds(f, h.clientId), [h.secretId]);
                    assert.equal(consumerSecret(f), h.secretValue);
                    assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                    assert.equal(await secretWorks(f, h.clientId, first.secretValue), false);
                    assert.equal(await secretWorks(f, h.clientId, second.secretValue), false);
                    const { rotationHistory } = (await f.stack.outputs()) as {
                        rotationHistory: { cause: string; from: number; to: number; retired: number[] }[];
                    };
                    assert.deepEqual(rotationHistory.at(-1), {
                        at: new Date(T0 + 2 * HOUR).toISOString(),
                        cause: "emergency",
                        from: second.secretId,
                        to: h.secretId,
                        retired: [first.secretId, second.secretId],
                    });
                },
            );
            await step(
                "emergency left set with nothing to rotate is refused at preview, naming the field",
                async () => {
                    const mark = auditMark(f);
                    const preview = await f.stack.preview({ ...at(T0 + 3 * HOUR), allowFailure: true });
                    assert.notEqual(preview.code, 0);
                    assert.ok(
                        preview.output.includes(
                            "emergency: true needs a rotation cause in the same run (change rotationTrigger); it rotates nothing by itself. If the emergency rotation has run, remove emergency, so later rotations keep their grace.",
                        ),
                        preview.output,
                    );
                    assert.deepEqual(mutatingCallsSince(f, mark), []);
                    await f.stack.pulumi(["config", "rm", "test:emergency"]);
                    const quiet = auditMark(f);
                    await f.stack.up(at(T0 + 3 * HOUR));
                    assert.deepEqual(mutatingCallsSince(f, quiet), [], "removing emergency changes nothing at UiPath");
                },
            );
        }),
);
