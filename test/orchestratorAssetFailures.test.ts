/**
 * OrchestratorAsset through the real engine: delete, and the errors a user meets (missing or
 * deleted folder, missing scope, name already taken) and adoption (among many assets containing
 * the name; refused for a non-Global asset). Each test is one scenario on its own emulator and stack.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { heldAsset, heldAssets, OR } from "./helpers/assets";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, mutatingCallsSince } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** An Integer asset (value 7) in Shared; its name and adoptExisting come from `test:` config. */
const integerAsset = programSource("orchestratorAssetFailures.integer");
/** A Text asset; its folder, name, value and adoptExisting come from `test:` config. */
const textAsset = programSource("orchestratorAssetFailures.text");

it(
    "delete: removing the resource deletes the asset; one deleted in Orchestrator leaves state on refresh and comes back on up",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(integerAsset, { config: { "test:name": "Retries" } }, async (f) => {
            await step("up creates it", () => f.stack.up());

            await step("deleted in Orchestrator: refresh drops it from state, up creates it again", async () => {
                const res = await f.api.delete(`${OR}/Assets(${heldAsset(f, "Retries")!.id})`, {
                    token: DEMO.adminPat,
                    headers: { "X-UIPATH-FolderPath": "Shared" },
                });
                assert.equal(res.status, 204);
                await f.stack.refresh();
                const { resources } = await f.stack.exportState();
                assert.ok(!resources.some((r) => r.urn.endsWith("::asset")));
                await f.stack.up();
                assert.equal(heldAsset(f, "Retries")?.intValue, 7);
            });

            await step("removed from the program: up deletes it in Orchestrator", async () => {
                f.stack.writeProgram(programSource("empty"));
                await f.stack.up();
                assert.equal(heldAsset(f, "Retries"), undefined);
            });
        }),
);

it(
    "a missing folder is an error naming the folder and the tenant; nothing is created",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            textAsset,
            { config: { "test:folder": "Shared/Nope", "test:name": "X", "test:value": "v" } },
            async (f) => {
                await step("up fails with the folder path in the message", async () => {
                    const mark = auditMark(f);
                    const { code, output } = await f.stack.up({ allowFailure: true });
                    assert.notEqual(code, 0);
                    assert.match(output, /folder: no folder 'Shared\/Nope' in tenant 'DefaultTenant'/);
                    assert.deepEqual(mutatingCallsSince(f, mark), []);
                });
            },
        ),
);

it(
    "an external application without OR.Assets gets a 403 that names the scope to grant",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(integerAsset, { config: { "test:name": "NoScope" } }, async (f) => {
            await step("with an app that has OR.Folders.Read but no OR.Assets, up fails naming OR.Assets", async () => {
                const res = await f.api.post(`/${DEMO.org}/identity_/api/ExternalClient`, {
                    token: DEMO.adminPat,
                    json: {
                        partitionGlobalId: DEMO.pg,
                        name: "folders-only",
                        isConfidential: true,
                        redirectUri: null,
                        scopes: [{ name: "OR.Folders.Read", type: 1 }],
                    },
                });
                const app = res.body as { id: string; secret: string };
                f.addSecret(app.secret, "the folders-only app's secret");
                await f.stack.pulumi(["config", "set", "uipath:clientId", app.id]);
                await f.stack.setSecretConfig("uipath:clientSecret", app.secret);
                const { code, output } = await f.stack.up({ allowFailure: true });
                assert.notEqual(code, 0);
                assert.match(output, /403.*lacks the scope OR\.Assets or OR\.Assets\.Read/);
                assert.equal(heldAsset(f, "NoScope"), undefined);
            });
        }),
);

it(
    "an asset name already taken is an error suggesting adoptExisting; with adoptExisting: true it is adopted",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(integerAsset, { config: { "test:name": "Taken" } }, async (f) => {
            const existing = await step("someone created 'taken' in Orchestrator", async () => {
                const res = await f.api.post(`${OR}/Assets`, {
                    token: DEMO.adminPat,
                    headers: { "X-UIPATH-FolderPath": "Shared" },
                    json: { Name: "taken", ValueScope: "Global", ValueType: "Integer", IntValue: 1 },
                });
                assert.equal(res.status, 201);
                return (res.body as { Id: number }).Id;
            });

            await step("up fails, naming the asset, the folder and adoptExisting", async () => {
                const { code, output } = await f.stack.up({ allowFailure: true });
                assert.notEqual(code, 0);
                assert.match(
                    output,
                    /an asset named 'Taken' already exists in folder 'Shared' of tenant 'DefaultTenant'; set adoptExisting: true/,
                );
                assert.equal(heldAsset(f, "taken")?.intValue, 1);
            });

            await step("with adoptExisting: true, up manages that asset and writes the declared value", async () => {
                await f.stack.setConfig({ "test:adoptExisting": "true" });
                await f.stack.up();
                assert.deepEqual(
                    heldAssets(f).map((a) => [a.id, a.intValue]),
                    [[existing, 7]],
                );
            });
        }),
);

/** Seeds Text assets in a folder through the emulator's admin route (not through the API under test). */
async function seedAssets(
    f: Fixture,
    folder: string,
    assets: Array<{ name: string; stringValue: string; description?: string; valueScope?: "Global" | "PerRobot" }>,
): Promise<number[]> {
    const res = await f.api.request("POST", `/__emulator/orgs/${DEMO.org}/tenants/${DEMO.tenant}/assets`, {
        json: { folder, assets },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return (res.body as { ids: number[] }).ids;
}

/** Config for {@link textAsset}: a Text asset named Endpoint in Shared/Finance. */
const financeText = (value: string): Record<string, string> => ({
    "test:folder": "Shared/Finance",
    "test:name": "Endpoint",
    "test:value": value,
});

it(
    "a deleted folder yields the folder error, not a scope error, on refresh and up; the resource stays in state",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(textAsset, { config: financeText("https://a.example") }, async (f) => {
            await step("up creates the asset in Shared/Finance", () => f.stack.up());

            await step("the folder is deleted out of band (with its assets)", async () => {
                const orch = f.emulator.store
                    .read()
                    .orgs.find((o) => o.name === DEMO.org)!
                    .tenants.find((t) => t.name === DEMO.tenant)!.orchestrator;
                const finance = orch.folders.find((x) => x.fullyQualifiedName === "Shared/Finance")!.id;
                const res = await f.api.request(
                    "DELETE",
                    `/__emulator/orgs/${DEMO.org}/tenants/${DEMO.tenant}/folders/${finance}`,
                );
                assert.equal(res.status, 204);
            });

            const folderError =
                /folder 'Shared\/Finance' \(id \d+\) does not exist any more or the caller has no access to it \(403, errorCode 1100\).*\(trace id 00-[0-9a-f]{32}-[0-9a-f]{16}-00\)/;
            await step(
                "refresh fails naming the folder and UiPath's trace id, never a scope; the resource stays in state",
                async () => {
                    const { code, output } = await f.stack.refresh({ allowFailure: true });
                    assert.notEqual(code, 0);
                    assert.match(output, folderError);
                    assert.doesNotMatch(output, /lacks the scope/);
                    const { resources } = await f.stack.exportState();
                    assert.ok(resources.some((r) => r.urn.endsWith("::asset")));
                },
            );

            await step(
                "preview makes no call to Orchestrator and proposes the update; up fails the same way",
                async () => {
                    await f.stack.setConfig(financeText("https://b.example"));
                    assert.match(
                        (await f.stack.preview()).output,
                        /~\s*pulumi-nodejs:dynamic\/uipath:OrchestratorAsset: \(update\)/,
                    );
                    const { code, output } = await f.stack.up({ allowFailure: true });
                    assert.notEqual(code, 0);
                    assert.match(output, folderError);
                    assert.doesNotMatch(output, /lacks the scope/);
                },
            );
        }),
);

it(
    "an asset is found and adopted among 150 assets whose names contain its name",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(integerAsset, { config: { "test:name": "ApiKey", "test:adoptExisting": "true" } }, async (f) => {
            const target = await step(
                "150 assets whose names contain 'ApiKey' are listed before the one named 'APIKEY'",
                async () => {
                    await seedAssets(
                        f,
                        "Shared",
                        Array.from({ length: 150 }, (_, i) => ({
                            name: `ApiKey-${String(i).padStart(3, "0")}`,
                            stringValue: "other",
                        })),
                    );
                    const [id] = await seedAssets(f, "Shared", [
                        { name: "APIKEY", stringValue: "7", description: "the one to adopt" },
                    ]);
                    return id!;
                },
            );

            await step("up adopts that asset (no new one) and writes the declared value", async () => {
                const mark = auditMark(f);
                await f.stack.up();
                assert.deepEqual(
                    mutatingCallsSince(f, mark).map((e) => e.method),
                    ["PUT"],
                );
                assert.equal(heldAssets(f).length, 151);
                const adopted = heldAssets(f).find((a) => a.id === target)!;
                assert.deepEqual([adopted.valueType, adopted.intValue], ["Integer", 7]);
            });
        }),
);

it(
    "adoptExisting refuses an asset whose ValueScope is not Global, naming the scope, and leaves it untouched",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            textAsset,
            {
                config: {
                    "test:folder": "Shared",
                    "test:name": "PerRobotUrl",
                    "test:value": "https://declared.example",
                    "test:adoptExisting": "true",
                },
            },
            async (f) => {
                await step("a PerRobot asset of that name exists", () =>
                    seedAssets(f, "Shared", [
                        { name: "PerRobotUrl", stringValue: "https://robot-default.example", valueScope: "PerRobot" },
                    ]),
                );

                await step("up fails naming ValueScope PerRobot; nothing is written", async () => {
                    const mark = auditMark(f);
                    const { code, output } = await f.stack.up({ allowFailure: true });
                    assert.notEqual(code, 0);
                    assert.match(
                        output,
                        /adoptExisting: the asset 'PerRobotUrl' in folder 'Shared' of tenant 'DefaultTenant' has ValueScope PerRobot, not Global/,
                    );
                    assert.deepEqual(mutatingCallsSince(f, mark), []);
                    const held = heldAsset(f, "PerRobotUrl")!;
                    assert.deepEqual(
                        [held.valueScope, held.stringValue],
                        ["PerRobot", "https://robot-default.example"],
                    );
                });
            },
        ),
);
