/**
 * ExternalApplicationSecret through the real engine against the emulator: two-phase rotation
 * checked through the token endpoint after each step, expiry-driven rotation on controlled
 * clocks, secrets deleted outside Pulumi, settling after an interrupted run, and delete.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { it } from "node:test";
import { ManualClock } from "../emulator";
import { DEMO } from "./emulator/helpers";
import { appNow, deleteSecretOutOfBand, secretCallsSince, secretIds, secretWorks } from "./helpers/externalApps";
import { readStored, withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, callsSince, mutatingCallsSince } from "./helpers/service";
import { isStoredAsSecret, resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** An app, its managed secret and a consumer; the secret's settings and firstSecret come from `test:` config. */
const program = programSource("externalApplicationSecret");

interface Held {
    clientId: string;
    secretValue: string;
    secretId: number;
    previousSecretId?: number;
    expiresAt?: string;
    rotationDueAt?: string;
}

const held = async (f: { stack: { outputs(): Promise<Record<string, unknown>> } }) =>
    (await f.stack.outputs()) as unknown as Held;
const consumerSecret = (f: Parameters<typeof readStored>[0]) =>
    (JSON.parse(readStored(f, "creds.json") ?? "{}") as { clientSecret?: string }).clientSecret;

it(
    "rotates twice in two phases: the consumer's secret always works, the previous one until the following rotation",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { config: { "test:rotationTrigger": "r0" } }, async (f) => {
            const timeline: string[] = [];
            const values = new Map<number, string>();
            const note = async (label: string, clientId: string, mark: number) => {
                const validity = await Promise.all(
                    [...values].map(
                        async ([id, v]) => `#${id}=${(await secretWorks(f, clientId, v)) ? "valid" : "refused"}`,
                    ),
                );
                timeline.push(`${label}: calls [${secretCallsSince(f, mark).join("; ")}] tokens ${validity.join(" ")}`);
            };

            const first = await step(
                "up creates the app without a first secret, one secret, and the consumer gets it",
                async () => {
                    const mark = auditMark(f);
                    await f.stack.up();
                    const h = await held(f);
                    values.set(h.secretId, h.secretValue);
                    assert.deepEqual(await secretIds(f, h.clientId), [h.secretId], "only the managed secret exists");
                    assert.equal(consumerSecret(f.stack), h.secretValue);
                    assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                    const { resources } = await f.stack.exportState();
                    const s = resourceNamed(resources, "secret");
                    assert.equal(s.type, "pulumi-nodejs:dynamic/uipath:ExternalApplicationSecret");
                    assert.ok(isStoredAsSecret(s.outputs?.secret), "the secret is ciphertext in state");
                    await note("up r0 (create)", h.clientId, mark);
                    return { ...h, id: s.id };
                },
            );

            await step(
                "preview of a new trigger shows an update (not a replacement) naming the secret kept and none retired; nothing mutates",
                async () => {
                    await f.stack.setConfig({ "test:rotationTrigger": "r1" });
                    const mark = auditMark(f);
                    const { output } = await f.stack.preview();
                    assert.match(output, /~\s*pulumi-nodejs:dynamic\/uipath:ExternalApplicationSecret: \(update\)/);
                    assert.doesNotMatch(output, /ExternalApplicationSecret: \(replace\)/);
                    assert.match(
                        output,
                        new RegExp(
                            `rotation due \\(rotationTrigger changed\\): generates a new secret; secret ${first.secretId} becomes the previous secret and stays valid; no previous secret to retire`,
                        ),
                    );
                    assert.deepEqual(mutatingCallsSince(f, mark), []);
                },
            );

            const second = await step(
                "rotation 1: one new secret handed to the consumer; the previous one still works; nothing deleted",
                async () => {
                    const mark = auditMark(f);
                    await f.stack.up();
                    const h = await held(f);
                    values.set(h.secretId, h.secretValue);
                    assert.notEqual(h.secretId, first.secretId);
                    assert.equal(h.previousSecretId, first.secretId);
                    assert.equal(
                        consumerSecret(f.stack),
                        h.secretValue,
                        "the consumer got the new secret in the same run",
                    );
                    assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                    assert.equal(
                        await secretWorks(f, h.clientId, first.secretValue),
                        true,
                        "the previous secret still works",
                    );
                    assert.deepEqual(secretCallsSince(f, mark), ["POST /GenerateSecret 200"]);
                    const { resources } = await f.stack.exportState();
                    assert.equal(resourceNamed(resources, "secret").id, first.id, "same resource identity");
                    await note("up r1 (rotation 1)", h.clientId, mark);
                    return h;
                },
            );

            await step(
                "rotation 2, a day later (preview names the secret it retires): the first secret is deleted and refused; the second still works",
                async () => {
                    await f.stack.setConfig({ "test:rotationTrigger": "r2" });
                    // The overlap guard refuses to retire a previous secret superseded the same UTC day.
                    const tomorrow = { env: { UIPATH_KEYS_NOW: new Date(Date.now() + 86_400_000).toISOString() } };
                    assert.match(
                        (await f.stack.preview(tomorrow)).output,
                        new RegExp(`retires previous secret ${first.secretId}`),
                    );
                    const mark = auditMark(f);
                    await f.stack.up(tomorrow);
                    const h = await held(f);
                    values.set(h.secretId, h.secretValue);
                    assert.equal(h.previousSecretId, second.secretId);
                    assert.equal(consumerSecret(f.stack), h.secretValue);
                    assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                    assert.equal(
                        await secretWorks(f, h.clientId, second.secretValue),
                        true,
                        "previous works until the following rotation",
                    );
                    assert.equal(await secretWorks(f, h.clientId, first.secretValue), false, "retired");
                    const calls = secretCallsSince(f, mark);
                    assert.deepEqual(
                        calls,
                        ["POST /GenerateSecret 200", `DELETE /${DEMO.pg}/secrets/${first.secretId} 204`],
                        "generate first, then retire",
                    );
                    assert.deepEqual(await secretIds(f, h.clientId), [second.secretId, h.secretId]);
                    await note("up r2 (rotation 2)", h.clientId, mark);
                },
            );

            await step("destroy deletes both secrets, then the app", async () => {
                const mark = auditMark(f);
                const { clientId } = await held(f);
                await f.stack.destroy();
                assert.equal(await appNow(f, clientId), undefined);
                await note("destroy", clientId, mark);
                console.log(`rotation timeline:\n  ${timeline.join("\n  ")}`);
            });
        }),
);

const T0 = Date.parse("2027-01-01T00:00:00.000Z");
const DAY = 86_400_000;
const day = (n: number) => new Date(T0 + n * DAY).toISOString();

it(
    "expiresAfter with renewBefore rotates on the provider's clock; the old secret expires on the service's clock",
    { timeout: SCENARIO_TIMEOUT_MS },
    () => {
        const clock = new ManualClock(T0);
        const config = { "test:expiresAfter": "30d", "test:renewBefore": "7d" };
        return withKeysStack(program, { emulator: { clock }, config }, async (f) => {
            const at = (n: number) => {
                clock.set(T0 + n * DAY);
                return { env: { UIPATH_KEYS_NOW: day(n) } };
            };
            const first = await step("day 0: a secret expiring on day 30, due for renewal on day 23", async () => {
                await f.stack.up(at(0));
                const h = await held(f);
                assert.equal(h.expiresAt, day(30));
                assert.equal(h.rotationDueAt, day(23));
                assert.equal((await appNow(f, h.clientId))?.secrets[0]?.expiryTime, day(30), "UiPath got the expiry");
                return h;
            });
            await step("day 22: not due; nothing changes", async () => {
                const mark = auditMark(f);
                await f.stack.up(at(22));
                assert.deepEqual(mutatingCallsSince(f, mark), []);
            });
            const second = await step(
                "day 24: within renewBefore; rotated, the consumer has the new secret, both work",
                async () => {
                    await f.stack.up(at(24));
                    const h = await held(f);
                    assert.equal(h.previousSecretId, first.secretId);
                    assert.equal(h.expiresAt, day(54));
                    assert.equal(consumerSecret(f.stack), h.secretValue);
                    assert.equal(await secretWorks(f, h.clientId, first.secretValue), true);
                    assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                    return h;
                },
            );
            await step(
                "day 31: the previous secret expired at the service; the current one works; nothing to do",
                async () => {
                    const mark = auditMark(f);
                    clock.set(T0 + 31 * DAY);
                    assert.equal(await secretWorks(f, second.clientId, first.secretValue), false);
                    assert.equal(await secretWorks(f, second.clientId, second.secretValue), true);
                    await f.stack.up(at(31));
                    assert.deepEqual(
                        mutatingCallsSince(f, mark).filter((e) => /GenerateSecret/.test(e.path)),
                        [],
                    );
                },
            );
        });
    },
);

it(
    "a secret deleted outside Pulumi: refresh notices, the next up generates a new one; stray tagged secrets are settled; delete spares the rest",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { config: { "test:rotationTrigger": "a", "test:firstSecret": "true" } }, async (f) => {
            const first = await step("up", async () => {
                await f.stack.up();
                return held(f);
            });
            await step("the secret is deleted in the portal; refresh says so and records it", async () => {
                await deleteSecretOutOfBand(f, first.secretId);
                const mark = auditMark(f);
                const { output } = await f.stack.refresh();
                assert.match(
                    output,
                    new RegExp(
                        `secret ${first.secretId} was deleted outside Pulumi; the next \`pulumi up\` generates a new one`,
                    ),
                );
                // One provider process serves the whole refresh: the app and its secret share one listing, no GET of the app.
                assert.deepEqual(
                    callsSince(f, mark)
                        .filter((e) => e.method === "GET" && e.path.includes("/ExternalClient/"))
                        .map((e) => e.path),
                    [`/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}`],
                );
            });
            await step(
                "a stray secret carrying this resource's tag (an interrupted run's) is deleted; one new secret; the consumer gets it",
                async () => {
                    const tag = createHash("sha256").update("test/test/secret").digest("hex").slice(0, 16);
                    const stray = await f.api.post(`/${DEMO.org}/identity_/api/ExternalClient/GenerateSecret`, {
                        token: DEMO.adminPat,
                        json: {
                            partitionGlobalId: DEMO.pg,
                            clientId: first.clientId,
                            description: `Managed by Pulumi [pulumi:${tag}]`,
                            expiryTime: null,
                        },
                    });
                    const strayId = (stray.body as { id: number }).id;
                    const mark = auditMark(f);
                    const { output } = await f.stack.up();
                    assert.match(
                        output,
                        /deleted 1 secret\(s\) with this resource.s tag that its state will not hold \(ids \d+\): generated by an interrupted run/,
                    );
                    const h = await held(f);
                    assert.deepEqual(secretCallsSince(f, mark), [
                        `DELETE /${DEMO.pg}/secrets/${strayId} 204`,
                        "POST /GenerateSecret 200",
                    ]);
                    assert.equal(h.previousSecretId, undefined, "a deleted secret is not kept as previous");
                    assert.equal(consumerSecret(f.stack), h.secretValue);
                    assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                },
            );
            await step("removing the secret resource deletes its secret and not the app's first secret", async () => {
                const h = await held(f);
                const firstAppSecret = (await appNow(f, h.clientId))!.secrets[0]!.id;
                f.stack.writeProgram(programSource("externalApplicationSecret.appOnly"));
                await f.stack.up();
                assert.deepEqual(await secretIds(f, h.clientId), [firstAppSecret]);
            });
        }),
);

it(
    "overlap: the previous secret is deleted by the first up after the overlap ends, without a rotation",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { config: { "test:rotationTrigger": "a", "test:overlap": "1d" } }, async (f) => {
            const at = (iso: string) => ({ env: { UIPATH_KEYS_NOW: iso } });
            const first = await step("day 0: create", async () => {
                await f.stack.up(at(day(0)));
                return held(f);
            });
            const second = await step("day 1: rotate; the previous secret retires a day later", async () => {
                await f.stack.setConfig({ "test:rotationTrigger": "b" });
                await f.stack.up(at(day(1)));
                const outputs = await f.stack.outputs();
                assert.equal(outputs.previousSecretId, first.secretId);
                const { resources } = await f.stack.exportState();
                assert.equal(resourceNamed(resources, "secret").outputs?.previousSecretRetiresAt, day(2));
                return held(f);
            });
            await step(
                "day 2: preview names the secret it retires; up deletes only it; the current secret is untouched",
                async () => {
                    assert.match(
                        (await f.stack.preview(at(day(2)))).output,
                        new RegExp(`retires previous secret ${first.secretId} \\(overlap 1d has passed`),
                    );
                    const mark = auditMark(f);
                    await f.stack.up(at(day(2)));
                    assert.deepEqual(secretCallsSince(f, mark), [`DELETE /${DEMO.pg}/secrets/${first.secretId} 204`]);
                    const h = await held(f);
                    assert.equal(h.secretId, second.secretId);
                    assert.equal(h.previousSecretId, undefined);
                    assert.equal(await secretWorks(f, h.clientId, first.secretValue), false);
                    assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                },
            );
        }),
);
