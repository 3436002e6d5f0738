/**
 * ExternalApplication and ExternalApplicationSecret through the real engine against an emulator
 * that renders scope types as UiPath's tools see them (integers) and as the swagger names them:
 * create, refresh, two rotations and destroy work the same with either form.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { DEMO_SEED } from "../emulator";
import { appNow, scopesNow, secretIds, secretWorks } from "./helpers/externalApps";
import { withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, mutatingCallsSince } from "./helpers/service";
import { resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** An app with both scope lists and its managed secret, rotated by `test:rotationTrigger`. */
const program = programSource("externalApplicationWireForms");

/** The app's scopes as the test reads them back, whatever the wire form. */
const EXPECTED_SCOPES = [
    "OR.Jobs.Read:application",
    "OR.Jobs.Read:user",
    "OR.Users.Read:user",
    "PM.OAuthApp.Read:application",
];

for (const form of ["integers", "names"] as const) {
    it(
        `with scope types sent as ${form}: creates, refreshes, rotates twice and destroys an application and its secret`,
        { timeout: SCENARIO_TIMEOUT_MS },
        () =>
            withKeysStack(
                program,
                {
                    emulator: { config: { ...DEMO_SEED, wire: { scopeTypes: form } } },
                    config: { "test:rotationTrigger": "r0" },
                },
                async (f) => {
                    const held = async () =>
                        (await f.stack.outputs()) as { clientId: string; secretValue: string; secretId: number };

                    const first = await step(
                        "up creates the app with both scope lists, no first secret, and one managed secret that works",
                        async () => {
                            await f.stack.up();
                            const h = await held();
                            assert.deepEqual(await scopesNow(f, h.clientId), EXPECTED_SCOPES);
                            const raw = await appNow(f, h.clientId);
                            const types = raw!.resources.flatMap((r) => r.scopes.map((s) => typeof s.type));
                            assert.deepEqual(
                                [...new Set(types)],
                                [form === "integers" ? "number" : "string"],
                                "the emulator speaks the form under test",
                            );
                            assert.deepEqual(await secretIds(f, h.clientId), [h.secretId], "only the managed secret");
                            assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                            return h;
                        },
                    );

                    await step(
                        "refresh reads the app back unchanged: same scopes in state, and the next up changes nothing",
                        async () => {
                            await f.stack.refresh();
                            const { resources } = await f.stack.exportState();
                            const app = resourceNamed(resources, "app").outputs ?? {};
                            assert.deepEqual(app.applicationScopes, ["OR.Jobs.Read", "PM.OAuthApp.Read"]);
                            assert.deepEqual(app.userScopes, ["OR.Jobs.Read", "OR.Users.Read"]);
                            const mark = auditMark(f);
                            await f.stack.up();
                            assert.deepEqual(mutatingCallsSince(f, mark), []);
                        },
                    );

                    const second = await step(
                        "rotation 1: a new secret that works; the first still works",
                        async () => {
                            await f.stack.setConfig({ "test:rotationTrigger": "r1" });
                            await f.stack.up();
                            const h = await held();
                            assert.notEqual(h.secretId, first.secretId);
                            assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                            assert.equal(await secretWorks(f, h.clientId, first.secretValue), true);
                            return h;
                        },
                    );

                    await step(
                        "rotation 2, a day later: a new secret; the first is retired, the second still works",
                        async () => {
                            await f.stack.setConfig({ "test:rotationTrigger": "r2" });
                            // The overlap guard refuses to retire a previous secret superseded the same UTC day.
                            await f.stack.up({
                                env: { UIPATH_KEYS_NOW: new Date(Date.now() + 86_400_000).toISOString() },
                            });
                            const h = await held();
                            assert.deepEqual(await secretIds(f, h.clientId), [second.secretId, h.secretId]);
                            assert.equal(await secretWorks(f, h.clientId, h.secretValue), true);
                            assert.equal(await secretWorks(f, h.clientId, second.secretValue), true);
                            assert.equal(await secretWorks(f, h.clientId, first.secretValue), false);
                            assert.deepEqual(
                                await scopesNow(f, h.clientId),
                                EXPECTED_SCOPES,
                                "scopes untouched by rotations",
                            );
                        },
                    );

                    await step("destroy deletes the secrets and the app", async () => {
                        await f.stack.destroy();
                        assert.equal(await appNow(f, first.clientId), undefined);
                    });
                },
            ),
    );
}
