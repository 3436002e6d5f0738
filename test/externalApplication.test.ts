/**
 * ExternalApplication through the real engine against the emulator: create, scopes and name
 * changed in place, portal edits found by refresh, out-of-band deletion and recreation, unknown
 * scopes refused at preview, and a credential without the needed scopes (403).
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { DEMO_SEED } from "../emulator";
import { DEMO, field } from "./emulator/helpers";
import {
    appNow,
    deleteAppOutOfBand,
    deleteSecretOutOfBand,
    scopesNow,
    secretIds,
    secretWorks,
} from "./helpers/externalApps";
import { withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, callsSince, injectFaults, mutatingCallsSince, until } from "./helpers/service";
import { isStoredAsSecret, resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** One external application; its name, scopes and firstSecret come from `test:` config. */
const appProgram = programSource("externalApplication");

/** Stack config for {@link appProgram}: scope lists as JSON. */
function appConfig(app: {
    name: string;
    applicationScopes?: string[];
    userScopes?: string[];
    firstSecret?: boolean;
}): Record<string, string> {
    return {
        "test:name": app.name,
        ...(app.applicationScopes && { "test:applicationScopes": JSON.stringify(app.applicationScopes) }),
        ...(app.userScopes && { "test:userScopes": JSON.stringify(app.userScopes) }),
        ...(app.firstSecret !== undefined && { "test:firstSecret": String(app.firstSecret) }),
    };
}

it(
    "creates an application, changes its name and scopes in place, reverts a portal edit found by refresh, and deletes it",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            appProgram,
            { config: appConfig({ name: "ci", applicationScopes: ["OR.Jobs.Read"], userScopes: ["OR.Users.Read"] }) },
            async (f) => {
                const created = await step(
                    "up creates the app with both scope lists and its first secret (a secret output)",
                    async () => {
                        await f.stack.up();
                        const out = (await f.stack.outputs()) as { clientId: string; secret: string; tokenUrl: string };
                        assert.deepEqual(await scopesNow(f, out.clientId), [
                            "OR.Jobs.Read:application",
                            "OR.Users.Read:user",
                        ]);
                        assert.equal(out.tokenUrl, `${f.emulator.url}/${DEMO.org}/identity_/connect/token`);
                        assert.equal(await secretWorks(f, out.clientId, out.secret), true);
                        const { resources } = await f.stack.exportState();
                        assert.ok(isStoredAsSecret(resourceNamed(resources, "app").outputs?.secret));
                        return out;
                    },
                );

                await step(
                    "nothing changed: preview and up call nothing (the scopes were checked when they were written)",
                    async () => {
                        const mark = auditMark(f);
                        await f.stack.preview();
                        await f.stack.up();
                        assert.deepEqual(
                            callsSince(f, mark).map((e) => `${e.method} ${e.path}`),
                            [],
                        );
                    },
                );

                await step(
                    "name and scopes change in place: preview shows an update, up PUTs once, same client id, secret still works",
                    async () => {
                        await f.stack.setConfig(
                            appConfig({
                                name: "ci-2",
                                applicationScopes: ["OR.Jobs.Read", "OR.Queues"],
                                userScopes: ["OR.Users.Read"],
                            }),
                        );
                        const { output } = await f.stack.preview();
                        assert.match(output, /~\s*pulumi-nodejs:dynamic\/uipath:ExternalApplication: \(update\)/);
                        const mark = auditMark(f);
                        await f.stack.up();
                        assert.deepEqual(
                            mutatingCallsSince(f, mark).map((e) => `${e.method} ${e.status}`),
                            ["PUT 200"],
                        );
                        assert.equal(field(await f.stack.outputs(), "clientId"), created.clientId);
                        assert.equal((await appNow(f, created.clientId))?.name, "ci-2");
                        assert.deepEqual(await scopesNow(f, created.clientId), [
                            "OR.Jobs.Read:application",
                            "OR.Queues:application",
                            "OR.Users.Read:user",
                        ]);
                        assert.equal(await secretWorks(f, created.clientId, created.secret), true);
                    },
                );

                await step(
                    "scopes edited in the portal: refresh records them, the next up puts the declared ones back",
                    async () => {
                        const edit = await f.api.put(
                            `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${created.clientId}`,
                            {
                                token: DEMO.adminPat,
                                json: { scopes: [{ name: "OR.Jobs", type: 1 }] },
                            },
                        );
                        assert.equal(edit.status, 200);
                        const refresh = await f.stack.refresh();
                        assert.match(refresh.output, /applicationScopes/);
                        const { resources } = await f.stack.exportState();
                        assert.deepEqual(resourceNamed(resources, "app").outputs?.applicationScopes, ["OR.Jobs"]);
                        await f.stack.up();
                        assert.deepEqual(await scopesNow(f, created.clientId), [
                            "OR.Jobs.Read:application",
                            "OR.Queues:application",
                            "OR.Users.Read:user",
                        ]);
                    },
                );

                await step("destroy deletes the app", async () => {
                    await f.stack.destroy();
                    assert.equal(await appNow(f, created.clientId), undefined);
                });
            },
        ),
);

it(
    "an application deleted outside Pulumi: refresh drops it and its secret, saying so; the next up recreates both",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(programSource("externalApplication.managedSecret"), async (f) => {
            const first = await step("up", async () => {
                await f.stack.up();
                return field(await f.stack.outputs(), "clientId");
            });
            await step(
                "the app is deleted in the portal; refresh removes both resources and says the next up recreates the app",
                async () => {
                    await deleteAppOutOfBand(f, first);
                    const { output } = await f.stack.refresh();
                    assert.match(
                        output,
                        /no longer exists in organization 'demo-org': removed from state; the next `pulumi up` creates a new application/,
                    );
                    const { resources } = await f.stack.exportState();
                    assert.ok(!resources.some((r) => r.urn.endsWith("::app") || r.urn.endsWith("::s")));
                },
            );
            await step("up creates a new app and secret; the secret works", async () => {
                await f.stack.up();
                const out = (await f.stack.outputs()) as { clientId: string; managed: string };
                assert.notEqual(out.clientId, first);
                assert.equal(await secretWorks(f, out.clientId, out.managed), true);
            });
        }),
);

it(
    "unknown scopes fail the preview, each named with the closest catalog name, before anything changes",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            appProgram,
            {
                config: appConfig({
                    name: "ci",
                    applicationScopes: ["OR.Jobs.Raed", "Nope.Scope", "OR.Jobs"],
                    userScopes: ["PM.User"],
                }),
            },
            async (f) => {
                await step("preview fails naming every bad scope", async () => {
                    const mark = auditMark(f);
                    const { code, output } = await f.stack.preview({ allowFailure: true });
                    assert.notEqual(code, 0);
                    assert.match(
                        output,
                        /applicationScopes: 'OR\.Jobs\.Raed' is not in the organization's scope catalog \(did you mean 'OR\.Jobs\.Read'\?\); 'Nope\.Scope' is not in the organization's scope catalog/,
                    );
                    assert.match(output, /userScopes: 'PM\.User' can only be an application scope/);
                    assert.deepEqual(mutatingCallsSince(f, mark), []);
                });
            },
        ),
);

it(
    "a credential without the scopes fails with a message naming the scope to grant",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            appProgram,
            { config: appConfig({ name: "ci", applicationScopes: ["OR.Jobs.Read"] }) },
            async (f) => {
                const useApp = async (scopes: string[]) => {
                    const res = await f.api.post(`/${DEMO.org}/identity_/api/ExternalClient`, {
                        token: DEMO.adminPat,
                        json: {
                            partitionGlobalId: DEMO.pg,
                            name: scopes.join(" "),
                            isConfidential: true,
                            scopes: scopes.map((name) => ({ name, type: 1 })),
                        },
                    });
                    f.addSecret(
                        field(res.body, "secret"),
                        `the secret of the provider's test app (${scopes.join(" ")})`,
                    );
                    await f.stack.pulumi(["config", "set", "uipath:clientId", field(res.body, "id")]);
                    await f.stack.setSecretConfig("uipath:clientSecret", field(res.body, "secret"));
                };
                await step("an app with only OR.Jobs: preview fails (403) naming PM.OAuthApp.Read", async () => {
                    await useApp(["OR.Jobs"]);
                    const { code, output } = await f.stack.preview({ allowFailure: true });
                    assert.notEqual(code, 0);
                    assert.match(
                        output,
                        /\(403\).*Grant the provider's external application PM\.OAuthApp\.Read \(or PM\.OAuthApp\)/s,
                    );
                });
                await step(
                    "an app that may only read: up fails (403) naming PM.OAuthApp.Write; nothing is created",
                    async () => {
                        await useApp(["PM.OAuthApp.Read"]);
                        const mark = auditMark(f);
                        const { code, output } = await f.stack.up({ allowFailure: true });
                        assert.notEqual(code, 0);
                        assert.match(
                            output,
                            /Grant the provider's external application PM\.OAuthApp\.Write \(or PM\.OAuthApp\)/,
                        );
                        assert.deepEqual(
                            mutatingCallsSince(f, mark).filter((e) => e.status < 300),
                            [],
                        );
                    },
                );
            },
        ),
);

it(
    "firstSecret: false with a 201 that lists no secret: the only secret is deleted; with two, up fails naming them and keeps the app",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            appProgram,
            {
                emulator: { config: { ...DEMO_SEED, wire: { omitSecretsFromCreateAnswer: true } } },
                config: appConfig({ name: "ci", applicationScopes: ["OR.Jobs.Read"], firstSecret: false }),
            },
            async (f) => {
                const first = await step(
                    "up: the app's only secret, found by reading the app, is deleted",
                    async () => {
                        await f.stack.up();
                        const clientId = field(await f.stack.outputs(), "clientId");
                        assert.deepEqual(await secretIds(f, clientId), []);
                        return clientId;
                    },
                );

                await step(
                    "the app is recreated while someone adds a secret before the provider reads it: up fails naming the app and both secrets; the app is in state",
                    async () => {
                        await f.stack.destroy();
                        assert.equal(await appNow(f, first), undefined);
                        // Hold the provider's read of the new app long enough to add a secret first.
                        await injectFaults(f, [
                            { method: "GET", path: `/ExternalClient/${DEMO.pg}/[^/]+$`, latencyMs: 3000, count: 1 },
                        ]);
                        const mark = auditMark(f);
                        const run = f.stack.up({ allowFailure: true });
                        await until("the app's POST", () =>
                            callsSince(f, mark).some(
                                (e) => e.method === "POST" && /\/ExternalClient$/.test(e.path) && e.status === 201,
                            ),
                        );
                        const apps = (
                            await f.api.get(`/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}`, {
                                token: DEMO.adminPat,
                            })
                        ).body as Array<{ id: string; name: string }>;
                        const clientId = apps.find((a) => a.name === "ci")!.id;
                        const added = await f.api.post(`/${DEMO.org}/identity_/api/ExternalClient/GenerateSecret`, {
                            token: DEMO.adminPat,
                            json: { partitionGlobalId: DEMO.pg, clientId, description: "by hand" },
                        });
                        assert.equal(added.status, 200);
                        f.addSecret(field(added.body, "secret"), "a secret added by hand");
                        const { code, output } = await run;
                        assert.notEqual(code, 0);
                        const ids = await secretIds(f, clientId);
                        assert.equal(ids.length, 2, "nothing deleted");
                        assert.match(
                            output,
                            new RegExp(
                                `ExternalApplication 'ci' \\(client id ${clientId}\\) was created.*lists 2 secrets \\(ids ${ids.join(", ")}\\)`,
                            ),
                        );
                        const { resources } = await f.stack.exportState();
                        assert.equal(resourceNamed(resources, "app").id, clientId, "the app is recorded in state");
                        for (const id of ids) await deleteSecretOutOfBand(f, id);
                    },
                );

                await step("after the secrets are deleted by hand, up completes with the same app", async () => {
                    const { resources } = await f.stack.exportState();
                    const clientId = resourceNamed(resources, "app").id;
                    await f.stack.up();
                    assert.equal(field(await f.stack.outputs(), "clientId"), clientId);
                });
            },
        ),
);
