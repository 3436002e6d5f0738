/**
 * OrchestratorAsset through the real engine against the emulator's Orchestrator: each value
 * type, update in place, a rotated key delivered to a Secret asset in the same `up`, drift,
 * delete, and the errors a user meets (missing folder, missing scope, name already taken).
 * Each test is one scenario on its own emulator and stack.
 */
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { it } from "node:test";
import type { AssetState } from "../emulator/store/orchestrator";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";
import { auditMark, heldProductKey, mutatingCallsSince } from "./helpers/service";
import { isStoredAsSecret, resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const OR = `/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata`;
/** The unsalted digest the keys' keyFingerprint uses: it must never be published for an asset's secret. */
const sha256Prefix = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 16);
/** A Text/Integer/Bool asset's valueFingerprint: HMAC-SHA256 keyed by the resource's fingerprintSalt. */
const keyedFingerprint = (salt: string, value: string) => createHmac("sha256", salt).update(value).digest("hex").slice(0, 16);
const SECRET_MARKER = "secret: as last written by Pulumi";

/** The assets the emulator holds in a folder of demo-org/DefaultTenant (values included: the service's view). */
function heldAssets(f: Fixture, folder = "Shared"): AssetState[] {
    const orch = f.emulator.store.read().orgs.find((o) => o.name === DEMO.org)!.tenants.find((t) => t.name === DEMO.tenant)!.orchestrator;
    const folderId = orch.folders.find((x) => x.fullyQualifiedName === folder)!.id;
    return orch.assets.filter((a) => a.folderId === folderId);
}

function heldAsset(f: Fixture, name: string, folder = "Shared"): AssetState | undefined {
    return heldAssets(f, folder).find((a) => a.name === name);
}

/** Changes an asset as an administrator would in Orchestrator (admin PAT, PUT of the whole DTO). */
async function editInOrchestrator(f: Fixture, id: number, dto: Record<string, unknown>): Promise<void> {
    const res = await f.api.put(`${OR}/Assets(${id})`, { token: DEMO.adminPat, headers: { "X-UIPATH-FolderPath": "Shared" }, json: { ValueScope: "Global", ...dto } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
}

const program = (body: string) => `
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey, OrchestratorAsset } from "pulumi-uipath-keys";
const config = new pulumi.Config();
${body}
`;

it("creates each value type; values are held by Orchestrator and only as ciphertext in state; destroy deletes them", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(
        program(`
const common = { tenant: "DefaultTenant", folder: "Shared" };
const text = new OrchestratorAsset("text", { ...common, name: "Greeting", valueType: "Text", value: "hello robots", description: "plain text" });
const secret = new OrchestratorAsset("secret", { ...common, name: "ApiKey", valueType: "Secret", value: config.requireSecret("apiKey") });
new OrchestratorAsset("credential", { ...common, name: "Mailbox", valueType: "Credential", username: "bot@demo.local", password: config.requireSecret("password") });
new OrchestratorAsset("integer", { ...common, name: "BatchSize", valueType: "Integer", value: 42 });
new OrchestratorAsset("bool", { ...common, name: "DryRun", valueType: "Bool", value: true });
export const secretFingerprint = secret.valueFingerprint;
export const textId = text.assetId;
`),
        { config: { apiKey: { secret: "asset-secret-value-1" }, password: { secret: "asset-password-value-1" } } },
        async (f) => {
            f.addSecret("asset-secret-value-1", "the Secret asset's value");
            f.addSecret("asset-password-value-1", "the Credential asset's password");
            const upOutput = await step("up creates the five assets in Orchestrator with their values", async () => {
                const { output } = await f.stack.up();
                const held = Object.fromEntries(heldAssets(f).map((a) => [a.name, a]));
                assert.equal(held.Greeting?.stringValue, "hello robots");
                assert.equal(held.Greeting?.description, "plain text");
                assert.equal(held.ApiKey?.secretValue, "asset-secret-value-1");
                assert.deepEqual([held.Mailbox?.credentialUsername, held.Mailbox?.credentialPassword], ["bot@demo.local", "asset-password-value-1"]);
                assert.equal(held.BatchSize?.intValue, 42);
                assert.equal(held.DryRun?.boolValue, true);
                const outputs = await f.stack.outputs();
                assert.equal(outputs.secretFingerprint, SECRET_MARKER);
                assert.equal(outputs.textId, held.Greeting?.id);
                return output;
            });

            await step("state holds the value and the password only as ciphertext, and no output echoes them", async () => {
                const { resources } = await f.stack.exportState();
                for (const name of ["text", "secret", "integer", "bool"]) {
                    const r = resourceNamed(resources, name);
                    assert.ok(isStoredAsSecret(r.inputs?.value), `${name}: input value is ciphertext`);
                    if (name === "secret") assert.ok(isStoredAsSecret(r.outputs?.value), "secret: the applied value is echoed only as ciphertext");
                    else assert.equal(r.outputs?.value, undefined, `${name}: no value output`);
                }
                const credential = resourceNamed(resources, "credential");
                assert.ok(isStoredAsSecret(credential.inputs?.password));
                assert.ok(isStoredAsSecret(credential.outputs?.password), "the applied password is echoed only as ciphertext");
                assert.equal(credential.outputs?.username, "bot@demo.local");
            });

            await step("neither state nor CLI output holds a digest of the password or of the Secret value", async () => {
                const { text, resources } = await f.stack.exportState();
                const digests = [
                    sha256Prefix(JSON.stringify(["bot@demo.local", "asset-password-value-1"])),
                    sha256Prefix("asset-password-value-1"),
                    sha256Prefix("asset-secret-value-1"),
                ];
                for (const digest of digests) {
                    assert.ok(!text.includes(digest), `stack export holds ${digest}`);
                    assert.ok(!upOutput.includes(digest), `up output holds ${digest}`);
                }
                for (const name of ["secret", "credential"]) assert.equal(resourceNamed(resources, name).outputs?.valueFingerprint, SECRET_MARKER);
                // The readable types are fingerprinted with a key of their own, not by a bare digest.
                const text0 = resourceNamed(resources, "text").outputs!;
                assert.match(String(text0.fingerprintSalt), /^[0-9a-f]{32}$/);
                assert.equal(text0.valueFingerprint, keyedFingerprint(String(text0.fingerprintSalt), "hello robots"));
                assert.ok(!text.includes(sha256Prefix("hello robots")));
            });

            await step("a second up changes nothing", async () => {
                const mark = auditMark(f);
                await f.stack.up();
                assert.deepEqual(mutatingCallsSince(f, mark), []);
            });

            await step("destroy deletes every asset", async () => {
                await f.stack.destroy();
                assert.deepEqual(heldAssets(f), []);
            });
        },
    ));

const updatable = (value: string, description: string, name = "Endpoint") =>
    program(`export const asset = new OrchestratorAsset("endpoint", { tenant: "DefaultTenant", folder: "Shared/Finance", name: ${JSON.stringify(name)}, valueType: "Text", value: ${JSON.stringify(value)}, description: ${JSON.stringify(description)} });
export const assetId = asset.assetId;
export const modified = asset.lastModificationTime;`);

it("updates the value and description in place; a rename replaces the asset", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(updatable("https://a.example", "first"), async (f) => {
        const first = await step("up creates the asset", async () => {
            await f.stack.up();
            return (await f.stack.outputs()).assetId;
        });

        await step("a new value and description: preview proposes an update, up PUTs it and keeps the id", async () => {
            f.stack.writeProgram(updatable("https://b.example", "second"));
            const preview = await f.stack.preview();
            assert.match(preview.output, /~\s*pulumi-nodejs:dynamic\/uipath:OrchestratorAsset: \(update\)/);
            const mark = auditMark(f);
            await f.stack.up();
            assert.deepEqual(mutatingCallsSince(f, mark).map((e) => e.method), ["PUT"]);
            const outputs = await f.stack.outputs();
            assert.equal(outputs.assetId, first);
            const held = heldAsset(f, "Endpoint", "Shared/Finance");
            assert.deepEqual([held?.stringValue, held?.description], ["https://b.example", "second"]);
            assert.equal(outputs.modified, new Date(held!.lastModificationTime!).toISOString());
        });

        await step("a new name: preview proposes a replacement; up creates the new asset and deletes the old one", async () => {
            f.stack.writeProgram(updatable("https://b.example", "second", "ServiceEndpoint"));
            assert.match((await f.stack.preview()).output, /\+-\s*pulumi-nodejs:dynamic\/uipath:OrchestratorAsset: \(replace\)/);
            await f.stack.up();
            assert.deepEqual(heldAssets(f, "Shared/Finance").map((a) => a.name), ["ServiceEndpoint"]);
            assert.notEqual((await f.stack.outputs()).assetId, first);
        });

        await step("only the casing of the name changes: the old asset is deleted first (Orchestrator names are case-insensitive)", async () => {
            f.stack.writeProgram(updatable("https://b.example", "second", "serviceendpoint"));
            await f.stack.up();
            assert.deepEqual(heldAssets(f, "Shared/Finance").map((a) => a.name), ["serviceendpoint"]);
        });
    }));

it("rotating a DocumentUnderstandingApiKey updates the Secret asset fed from it in the same up", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(
        program(`
const du = new DocumentUnderstandingApiKey("du", { rotationTrigger: config.get("rotation") ?? "initial" });
const asset = new OrchestratorAsset("du-key-asset", { tenant: "DefaultTenant", folder: "Shared", name: "DocumentUnderstandingApiKey", valueType: "Secret", value: du.apiKey });
export const assetFingerprint = asset.valueFingerprint;
`),
        async (f) => {
            const before = await step("up stores the current key in the asset", async () => {
                await f.stack.up();
                const key = await heldProductKey(f, "documentUnderstanding");
                assert.equal(heldAsset(f, "DocumentUnderstandingApiKey")?.secretValue, key);
                return key;
            });

            await step("after a rotation, the same up leaves the new key in the asset", async () => {
                await f.stack.pulumi(["config", "set", "rotation", "2027-Q1"]);
                await f.stack.up();
                const key = await heldProductKey(f, "documentUnderstanding");
                assert.notEqual(key, before);
                assert.equal(heldAsset(f, "DocumentUnderstandingApiKey")?.secretValue, key);
                // A Secret asset publishes no digest of what it holds, not even of a high-entropy key.
                assert.equal((await f.stack.outputs()).assetFingerprint, SECRET_MARKER);
            });
        },
    ));

/** A resource's valueFingerprint as recorded in state. */
async function stateFingerprint(f: Fixture, resource: string): Promise<string> {
    return String(resourceNamed((await f.stack.exportState()).resources, resource).outputs?.valueFingerprint);
}

/** The keyed fingerprint a resource's value would have under its recorded salt. */
async function fingerprintInState(f: Fixture, resource: string, value: string): Promise<string> {
    return keyedFingerprint(String(resourceNamed((await f.stack.exportState()).resources, resource).outputs?.fingerprintSalt), value);
}

const driftProgram = program(`
const common = { tenant: "DefaultTenant", folder: "Shared" };
const text = new OrchestratorAsset("text", { ...common, name: "Mode", valueType: "Text", value: "declared" });
const secret = new OrchestratorAsset("secret", { ...common, name: "Token", valueType: "Secret", value: config.requireSecret("token") });
export const ids = [text.assetId, secret.assetId];
`);

it("drift: values changed in Orchestrator show on refresh as fingerprint changes, never as values; up writes them back", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(driftProgram, { config: { token: { secret: "declared-token-value" } } }, async (f) => {
        f.addSecret("declared-token-value", "the declared Secret value");
        f.addSecret("out-of-band-token-value", "a Secret value set in Orchestrator by hand");
        await step("up creates both assets", () => f.stack.up());

        await step("someone changes both values in Orchestrator", async () => {
            await editInOrchestrator(f, heldAsset(f, "Mode")!.id, { Name: "Mode", ValueType: "Text", StringValue: "changed by hand" });
            await editInOrchestrator(f, heldAsset(f, "Token")!.id, { Name: "Token", ValueType: "Secret", SecretValue: "out-of-band-token-value" });
        });

        await step("refresh reports both as valueFingerprint changes, without the values", async () => {
            const { output } = await f.stack.refresh();
            assert.match(output, /valueFingerprint/);
            assert.doesNotMatch(output, /changed by hand/);
            // Refresh updates the resources' state (stack outputs change only with an up).
            assert.equal(await stateFingerprint(f, "text"), await fingerprintInState(f, "text", "changed by hand"));
            assert.match(await stateFingerprint(f, "secret"), /^unknown: modified outside Pulumi at /);
        });

        await step("up writes the declared values back; a later refresh finds nothing to change", async () => {
            await f.stack.up();
            assert.equal(heldAsset(f, "Mode")?.stringValue, "declared");
            assert.equal(heldAsset(f, "Token")?.secretValue, "declared-token-value");
            await f.stack.refresh();
            assert.equal(await stateFingerprint(f, "text"), await fingerprintInState(f, "text", "declared"));
            assert.equal(await stateFingerprint(f, "secret"), SECRET_MARKER);
            await f.stack.pulumi(["preview", "--expect-no-changes"]);
        });
    }));

const single = (name: string, extra = "") =>
    program(`new OrchestratorAsset("asset", { tenant: "DefaultTenant", folder: "Shared", name: ${JSON.stringify(name)}, valueType: "Integer", value: 7${extra} });`);

it("delete: removing the resource deletes the asset; one deleted in Orchestrator leaves state on refresh and comes back on up", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(single("Retries"), async (f) => {
        await step("up creates it", () => f.stack.up());

        await step("deleted in Orchestrator: refresh drops it from state, up creates it again", async () => {
            const res = await f.api.delete(`${OR}/Assets(${heldAsset(f, "Retries")!.id})`, { token: DEMO.adminPat, headers: { "X-UIPATH-FolderPath": "Shared" } });
            assert.equal(res.status, 204);
            await f.stack.refresh();
            const { resources } = await f.stack.exportState();
            assert.ok(!resources.some((r) => r.urn.endsWith("::asset")));
            await f.stack.up();
            assert.equal(heldAsset(f, "Retries")?.intValue, 7);
        });

        await step("removed from the program: up deletes it in Orchestrator", async () => {
            f.stack.writeProgram(program(""));
            await f.stack.up();
            assert.equal(heldAsset(f, "Retries"), undefined);
        });
    }));

it("a missing folder is an error naming the folder and the tenant; nothing is created", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(
        program(`new OrchestratorAsset("asset", { tenant: "DefaultTenant", folder: "Shared/Nope", name: "X", valueType: "Text", value: "v" });`),
        async (f) => {
            await step("up fails with the folder path in the message", async () => {
                const mark = auditMark(f);
                const { code, output } = await f.stack.up({ allowFailure: true });
                assert.notEqual(code, 0);
                assert.match(output, /folder: no folder 'Shared\/Nope' in tenant 'DefaultTenant'/);
                assert.deepEqual(mutatingCallsSince(f, mark), []);
            });
        },
    ));

it("an external application without OR.Assets gets a 403 that names the scope to grant", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(single("NoScope"), async (f) => {
        await step("with an app that has OR.Folders.Read but no OR.Assets, up fails naming OR.Assets", async () => {
            const res = await f.api.post(`/${DEMO.org}/identity_/api/ExternalClient`, {
                token: DEMO.adminPat,
                json: { partitionGlobalId: DEMO.pg, name: "folders-only", isConfidential: true, redirectUri: null, scopes: [{ name: "OR.Folders.Read", type: 1 }] },
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
    }));

it("an asset name already taken is an error suggesting adoptExisting; with adoptExisting: true it is adopted", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(single("Taken"), async (f) => {
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
            assert.match(output, /an asset named 'Taken' already exists in folder 'Shared' of tenant 'DefaultTenant'; set adoptExisting: true/);
            assert.equal(heldAsset(f, "taken")?.intValue, 1);
        });

        await step("with adoptExisting: true, up manages that asset and writes the declared value", async () => {
            f.stack.writeProgram(single("Taken", ", adoptExisting: true"));
            await f.stack.up();
            assert.deepEqual(heldAssets(f).map((a) => [a.id, a.intValue]), [[existing, 7]]);
        });
    }));

/** Seeds Text assets in a folder through the emulator's admin route (not through the API under test). */
async function seedAssets(f: Fixture, folder: string, assets: Array<{ name: string; stringValue: string; description?: string; valueScope?: "Global" | "PerRobot" }>): Promise<number[]> {
    const res = await f.api.request("POST", `/__emulator/orgs/${DEMO.org}/tenants/${DEMO.tenant}/assets`, { json: { folder, assets } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return (res.body as { ids: number[] }).ids;
}

const financeText = (value: string) =>
    program(`new OrchestratorAsset("asset", { tenant: "DefaultTenant", folder: "Shared/Finance", name: "Endpoint", valueType: "Text", value: ${JSON.stringify(value)} });`);

it("a deleted folder yields the folder error, not a scope error, on refresh and up; the resource stays in state", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(financeText("https://a.example"), async (f) => {
        await step("up creates the asset in Shared/Finance", () => f.stack.up());

        await step("the folder is deleted out of band (with its assets)", async () => {
            const orch = f.emulator.store.read().orgs.find((o) => o.name === DEMO.org)!.tenants.find((t) => t.name === DEMO.tenant)!.orchestrator;
            const finance = orch.folders.find((x) => x.fullyQualifiedName === "Shared/Finance")!.id;
            const res = await f.api.request("DELETE", `/__emulator/orgs/${DEMO.org}/tenants/${DEMO.tenant}/folders/${finance}`);
            assert.equal(res.status, 204);
        });

        const folderError = /folder 'Shared\/Finance' \(id \d+\) does not exist any more or the caller has no access to it \(403, errorCode 1100\).*\(trace id 00-[0-9a-f]{32}-[0-9a-f]{16}-00\)/;
        await step("refresh fails naming the folder and UiPath's trace id, never a scope; the resource stays in state", async () => {
            const { code, output } = await f.stack.refresh({ allowFailure: true });
            assert.notEqual(code, 0);
            assert.match(output, folderError);
            assert.doesNotMatch(output, /lacks the scope/);
            const { resources } = await f.stack.exportState();
            assert.ok(resources.some((r) => r.urn.endsWith("::asset")));
        });

        await step("preview makes no call to Orchestrator and proposes the update; up fails the same way", async () => {
            f.stack.writeProgram(financeText("https://b.example"));
            assert.match((await f.stack.preview()).output, /~\s*pulumi-nodejs:dynamic\/uipath:OrchestratorAsset: \(update\)/);
            const { code, output } = await f.stack.up({ allowFailure: true });
            assert.notEqual(code, 0);
            assert.match(output, folderError);
            assert.doesNotMatch(output, /lacks the scope/);
        });
    }));

it("an asset is found and adopted among 150 assets whose names contain its name", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(single("ApiKey", ", adoptExisting: true"), async (f) => {
        const target = await step("150 assets whose names contain 'ApiKey' are listed before the one named 'APIKEY'", async () => {
            await seedAssets(f, "Shared", Array.from({ length: 150 }, (_, i) => ({ name: `ApiKey-${String(i).padStart(3, "0")}`, stringValue: "other" })));
            const [id] = await seedAssets(f, "Shared", [{ name: "APIKEY", stringValue: "7", description: "the one to adopt" }]);
            return id!;
        });

        await step("up adopts that asset (no new one) and writes the declared value", async () => {
            const mark = auditMark(f);
            await f.stack.up();
            assert.deepEqual(mutatingCallsSince(f, mark).map((e) => e.method), ["PUT"]);
            assert.equal(heldAssets(f).length, 151);
            const adopted = heldAssets(f).find((a) => a.id === target)!;
            assert.deepEqual([adopted.valueType, adopted.intValue], ["Integer", 7]);
        });
    }));

it("adoptExisting refuses an asset whose ValueScope is not Global, naming the scope, and leaves it untouched", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(program(`new OrchestratorAsset("asset", { tenant: "DefaultTenant", folder: "Shared", name: "PerRobotUrl", valueType: "Text", value: "https://declared.example", adoptExisting: true });`), async (f) => {
        await step("a PerRobot asset of that name exists", () => seedAssets(f, "Shared", [{ name: "PerRobotUrl", stringValue: "https://robot-default.example", valueScope: "PerRobot" }]));

        await step("up fails naming ValueScope PerRobot; nothing is written", async () => {
            const mark = auditMark(f);
            const { code, output } = await f.stack.up({ allowFailure: true });
            assert.notEqual(code, 0);
            assert.match(output, /adoptExisting: the asset 'PerRobotUrl' in folder 'Shared' of tenant 'DefaultTenant' has ValueScope PerRobot, not Global/);
            assert.deepEqual(mutatingCallsSince(f, mark), []);
            const held = heldAsset(f, "PerRobotUrl")!;
            assert.deepEqual([held.valueScope, held.stringValue], ["PerRobot", "https://robot-default.example"]);
        });
    }));
