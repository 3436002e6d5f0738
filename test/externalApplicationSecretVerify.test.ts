/**
 * `verify: true` on ExternalApplicationSecret through the real engine against the emulator, whose
 * seed delays every new secret's validity (`wire.secretPropagationMs`) on its manual clock: a new
 * secret is tried at the token endpoint until it gets a token, and only then handed out and the
 * old previous secret retired; a secret that never gets one is deleted, and the run fails in one
 * line with the secrets held before untouched.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { DEMO_SEED, ManualClock } from "../emulator";
import { secretIds, secretWorks } from "./helpers/externalApps";
import { readStored, withKeysStack, type Fixture } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, callsSince, until } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const program = programSource("rotatingSecret");
/** How long the emulator refuses a new secret (its clock; the test moves it). */
const PROPAGATION_MS = 60_000;
const T0 = Date.parse("2027-01-01T00:00:00.000Z");
const DAY = 86_400_000;

interface Held {
    clientId: string;
    secretValue: string;
    secretId: number;
    previousSecretId?: number;
}
const held = async (f: Fixture) => (await f.stack.outputs()) as unknown as Held;
const consumerSecret = (f: Fixture) =>
    (JSON.parse(readStored(f.stack, "creds.json") ?? "{}") as { clientSecret?: string }).clientSecret;

/** Token requests refused since `mark` (the provider's own token uses the seeded secret: always accepted). */
const refusedTokenRequests = (f: Fixture, mark: number) =>
    callsSince(f, mark).filter((e) => e.path.endsWith("/connect/token") && e.status === 400).length;

/**
 * The managed secret's calls and the token requests made with it since `mark`, in order: "token
 * refused", "token 200", "POST /GenerateSecret 200", "DELETE /secrets/<id> 204".
 */
function timeline(f: Fixture, mark: number, clientId: string): string[] {
    return callsSince(f, mark).flatMap((e) => {
        if (e.path.endsWith("/connect/token")) {
            if (e.status === 400) return ["token refused"];
            return e.caller === `app:${clientId}` ? [`token ${e.status}`] : [];
        }
        if (!e.mutating || !/GenerateSecret|\/secrets\//.test(e.path)) return [];
        return [`${e.method} ${e.path.replace(/^.*\/ExternalClient(\/[^/]+(?=\/secrets))?/, "")} ${e.status}`];
    });
}

/** Puts both clocks on day `n` (the provider's through `UIPATH_KEYS_NOW`). */
function onDay(clock: ManualClock, n: number): { env: Record<string, string> } {
    clock.set(T0 + n * DAY);
    return { env: { UIPATH_KEYS_NOW: new Date(T0 + n * DAY).toISOString() } };
}

/** An up during which the new secret propagates: once the service has refused it, its clock moves past the delay. */
async function upWhilePropagating(f: Fixture, clock: ManualClock, opts: { env: Record<string, string> }) {
    const mark = auditMark(f);
    const propagated = until(
        "a token request refused while the new secret propagates",
        () => refusedTokenRequests(f, mark) > 0,
    ).then(() => clock.advance(PROPAGATION_MS));
    const [result] = await Promise.all([f.stack.up(opts), propagated]);
    return result;
}

const setConfig = (f: Fixture, values: Record<string, string>) =>
    f.stack.pulumi([
        "config",
        "set-all",
        ...Object.entries(values).flatMap(([k, v]) => ["--plaintext", `test:${k}=${v}`]),
    ]);

const delayedSeed = { config: { ...DEMO_SEED, wire: { secretPropagationMs: PROPAGATION_MS } } };

it(
    "verify: a new secret refused while it propagates is retried until it gets a token; only then is it handed out and the old previous retired",
    { timeout: SCENARIO_TIMEOUT_MS },
    () => {
        const clock = new ManualClock(T0);
        return withKeysStack(
            program,
            { emulator: { ...delayedSeed, clock }, config: { "test:verify": "true" } },
            async (f) => {
                const first = await step(
                    "day 0: create waits for the secret to propagate, then hands it out",
                    async () => {
                        const mark = auditMark(f);
                        await upWhilePropagating(f, clock, onDay(clock, 0));
                        const h = await held(f);
                        const calls = timeline(f, mark, h.clientId);
                        const generated = calls.indexOf("POST /GenerateSecret 200");
                        assert.ok(generated >= 0 && calls.indexOf("token refused") > generated, calls.join("; "));
                        assert.equal(
                            calls.at(-1),
                            "token 200",
                            "the last token request, with the new secret, got a token",
                        );
                        assert.equal(consumerSecret(f), h.secretValue);
                        return h;
                    },
                );
                const second = await step("day 1: a rotation with nothing to retire", async () => {
                    await setConfig(f, { trigger: "r1" });
                    await upWhilePropagating(f, clock, onDay(clock, 1));
                    const h = await held(f);
                    assert.equal(h.previousSecretId, first.secretId);
                    return h;
                });
                await step(
                    "day 2: the preview says the new secret is tried; the up generates, is refused, gets a token, and only then retires the old previous",
                    async () => {
                        await setConfig(f, { trigger: "r2" });
                        const { output } = await f.stack.preview(onDay(clock, 2));
                        const line = output.split("\n").find((l) => l.includes("rotation due"));
                        console.log(`preview: ${line?.trim()}`);
                        assert.match(
                            line ?? "",
                            new RegExp(
                                `rotation due \\(rotationTrigger changed\\): generates a new secret \\(tried at the token endpoint before it is handed out\\); secret ${second.secretId} becomes the previous secret and stays valid; retires previous secret ${first.secretId}\\.`,
                            ),
                        );
                        const mark = auditMark(f);
                        await upWhilePropagating(f, clock, onDay(clock, 2));
                        const h = await held(f);
                        const calls = timeline(f, mark, h.clientId);
                        const generated = calls.indexOf("POST /GenerateSecret 200");
                        const accepted = calls.lastIndexOf("token 200");
                        const retired = calls.indexOf(`DELETE /secrets/${first.secretId} 204`);
                        assert.ok(
                            generated >= 0 && generated < calls.indexOf("token refused"),
                            `generated, then refused: ${calls.join("; ")}`,
                        );
                        assert.ok(
                            accepted < retired && accepted > generated,
                            `token before retiring: ${calls.join("; ")}`,
                        );
                        assert.equal(h.previousSecretId, second.secretId);
                        assert.equal(consumerSecret(f), h.secretValue);
                        assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                        assert.equal(await secretWorks(f, h.clientId, second.secretValue), true);
                        assert.equal(await secretWorks(f, h.clientId, first.secretValue), false);
                    },
                );
            },
        );
    },
);

it(
    "verify: a new secret that never gets a token is deleted; the run fails in one line; the old secrets, the consumer and the state are unchanged",
    { timeout: SCENARIO_TIMEOUT_MS },
    () => {
        const clock = new ManualClock(T0);
        return withKeysStack(
            program,
            {
                emulator: { ...delayedSeed, clock },
                config: { "test:verify": "true", "test:verifyTimeout": "3s" },
            },
            async (f) => {
                const before = await step("days 0 and 1: create and rotate once (each secret propagates)", async () => {
                    await upWhilePropagating(f, clock, onDay(clock, 0));
                    const firstValue = (await held(f)).secretValue;
                    await setConfig(f, { trigger: "r1" });
                    await upWhilePropagating(f, clock, onDay(clock, 1));
                    const h = await held(f);
                    assert.ok(h.previousSecretId !== undefined);
                    return { ...h, previousValue: firstValue };
                });
                await step(
                    "day 2: the new secret is refused for longer than verifyTimeout: deleted, never handed out; the up fails in one line",
                    async () => {
                        await setConfig(f, { trigger: "r2" });
                        const mark = auditMark(f);
                        const result = await f.stack.up({ ...onDay(clock, 2), allowFailure: true });
                        assert.notEqual(result.code, 0, result.output);
                        const calls = timeline(f, mark, before.clientId);
                        const generated = callsSince(f, mark).find((e) => e.path.endsWith("/GenerateSecret"));
                        assert.ok(generated, calls.join("; "));
                        const ids = await secretIds(f, before.clientId);
                        const newId = Math.max(
                            ...ids,
                            ...calls.flatMap((c) => /DELETE \/secrets\/(\d+)/.exec(c)?.[1] ?? []).map(Number),
                        );
                        assert.deepEqual(calls, [
                            "POST /GenerateSecret 200",
                            "token refused",
                            "token refused",
                            "token refused",
                            `DELETE /secrets/${newId} 204`,
                        ]);
                        const message = `ExternalApplicationSecret ${before.clientId}/[0-9a-f]{16}: verify: the new secret ${newId} got no token: UiPath refused it \\(invalid_client\\) on all 3 token requests within verifyTimeout 3s; it was deleted and never handed out; the current secret ${before.secretId} and the previous secret ${before.previousSecretId} are unchanged\\. Run up again later, or set a longer verifyTimeout`;
                        assert.match(result.output, new RegExp(message));
                        const errorLines = result.output.split("\n").filter((l) => l.includes("got no token"));
                        console.log(`error: ${errorLines[0]?.trim()}`);
                        assert.ok(
                            errorLines.every((l) => new RegExp(message).test(l)),
                            errorLines.join("\n"),
                        );
                        assert.doesNotMatch(result.output, /^\s+at /m, "no stack trace");
                        assert.deepEqual(await secretIds(f, before.clientId), [
                            before.previousSecretId,
                            before.secretId,
                        ]);
                        assert.equal(await secretWorks(f, before.clientId, before.secretValue), true);
                        assert.equal(await secretWorks(f, before.clientId, before.previousValue), true);
                        assert.equal(
                            consumerSecret(f),
                            before.secretValue,
                            "the consumer still holds the current secret",
                        );
                        const now = await held(f);
                        assert.equal(now.secretId, before.secretId);
                        assert.equal(now.previousSecretId, before.previousSecretId);
                    },
                );
                await step("the next up, once the secret propagates, rotates as usual", async () => {
                    await upWhilePropagating(f, clock, onDay(clock, 2));
                    const h = await held(f);
                    assert.equal(h.previousSecretId, before.secretId);
                    assert.equal(consumerSecret(f), h.secretValue);
                });
            },
        );
    },
);
