/**
 * What the shared reads save, counted by route in the emulator's audit log: a refresh of many
 * resources of one organization reads one listing of its apps, one listing per asset folder and
 * one token per organization, not one GET per resource; a listing that fails is not kept; and a
 * change made after the listing is still seen before a write, and the listing is read again after
 * one. Each "run" is a fresh ProviderContext, as each CLI operation is a fresh provider process.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RETIRED_ORG_ID } from "../../emulator";
import type { ProviderContext } from "../../provider/runtime/context";
import type { ConnectionInput } from "../../provider/runtime/inputs/connection";
import { externalApplicationProvider } from "../../provider/runtime/kinds/externalApplication";
import {
    externalApplicationSecretProvider,
    type ExternalApplicationSecretState,
} from "../../provider/runtime/kinds/externalApplicationSecret";
import { orchestratorAssetProvider, type OrchestratorAssetState } from "../../provider/runtime/kinds/orchestratorAsset";
import type { OrchestratorAssetInputs } from "../../provider/runtime/kinds/orchestratorAssetInputs";
import { DEMO, withEmulator, type Api } from "../emulator/helpers";
import { demoContext } from "../helpers/demoContext";
import type { Emulator } from "../../emulator";

/** One provider process (one run) against the emulator, with demo-org's app as the stack's credential. */
const run = (url: string, notices: string[] = []): ProviderContext => demoContext(url, { notices });

/** The seed's third organization, through its own app. */
const retiredOrg = (url: string): ConnectionInput => ({
    baseUrl: url,
    organization: "retired-org",
    clientId: "retired-client",
    clientSecret: "retired-secret",
});

const tag = (i: number) => i.toString(16).padStart(16, "0");

/** The audit log since the last `startCounting`, as "METHOD route" → count, ids replaced by placeholders. */
async function calls(emu: Emulator): Promise<Record<string, number>> {
    const tally: Record<string, number> = {};
    for (const e of emu.audit()) {
        const route = e.path
            .replace(DEMO.pg, "{pg}")
            .replace(RETIRED_ORG_ID, "{pg}")
            .replace(/Assets\(\d+\)/, "Assets({id})")
            .replace(/(ExternalClient\/\{pg\}\/)[^/]+$/, "$1{clientId}")
            .replace(/(ExternalClient\/\{pg\}\/secrets\/)\d+$/, "$1{id}");
        const key = `${e.method} ${route}`;
        tally[key] = (tally[key] ?? 0) + 1;
    }
    return tally;
}
const startCounting = async (api: Api) => assert.equal((await api.request("DELETE", "/__emulator/audit")).status, 204);

const LIST = "GET /demo-org/identity_/api/ExternalClient/{pg}";
const GET_ONE = `${LIST}/{clientId}`;
const TOKEN = "POST /demo-org/identity_/connect/token";

/** An app and `n` secrets of it, created in a run of their own; their states. */
async function appWithSecrets(url: string, n: number, connection?: ConnectionInput) {
    const context = run(url);
    const app = await externalApplicationProvider(context).create({
        name: `app-${connection?.organization ?? DEMO.org}`,
        applicationScopes: ["OR.Jobs.Read"],
        connection,
    });
    const secrets = externalApplicationSecretProvider(context);
    const created = [];
    for (let i = 0; i < n; i++) created.push(await secrets.create({ clientId: app.id, secretTag: tag(i), connection }));
    return { app, secrets: created as { id: string; outs: ExternalApplicationSecretState }[] };
}

describe("shared reads, counted by route", () => {
    it("a refresh of an app and 50 of its secrets reads one listing and one token, no per-resource GET", () =>
        withEmulator(async ({ emu, api }) => {
            const { app, secrets } = await appWithSecrets(emu.url, 50);
            await startCounting(api);
            const context = run(emu.url);
            const appsProvider = externalApplicationProvider(context);
            const secretsProvider = externalApplicationSecretProvider(context);
            const [appRead, ...secretReads] = await Promise.all([
                appsProvider.read(app.id, app.outs),
                ...secrets.map((s) => secretsProvider.read(s.id, s.outs)),
            ]);
            assert.deepEqual(await calls(emu), { [TOKEN]: 1, [LIST]: 1 });
            // What the listing told is what a GET tells: nothing drifted.
            assert.deepEqual(appRead, {
                id: app.id,
                props: { ...app.outs, userScopes: [], confidential: true },
            });
            secretReads.forEach((r, i) => assert.deepEqual(r, { id: secrets[i]!.id, props: secrets[i]!.outs }));
        }));

    it("two organizations: one token and one listing each, read concurrently", () =>
        withEmulator(async ({ emu, api }) => {
            const demo = await appWithSecrets(emu.url, 5);
            const retired = await appWithSecrets(emu.url, 5, retiredOrg(emu.url));
            await startCounting(api);
            const secretsProvider = externalApplicationSecretProvider(run(emu.url));
            const reads = await Promise.all(
                [...demo.secrets, ...retired.secrets].map((s) => secretsProvider.read(s.id, s.outs)),
            );
            assert.ok(reads.every((r) => (r.props as ExternalApplicationSecretState | undefined)?.secretExists));
            assert.deepEqual(await calls(emu), {
                [TOKEN]: 1,
                [LIST]: 1,
                "POST /retired-org/identity_/connect/token": 1,
                "GET /retired-org/identity_/api/ExternalClient/{pg}": 1,
            });
        }));

    it("a failed listing fails every read waiting on it and is not kept: the next read lists again", () =>
        withEmulator(async ({ emu, api }) => {
            const { secrets } = await appWithSecrets(emu.url, 5);
            const fault = { method: "GET", path: `ExternalClient/${DEMO.pg}$`, status: 500, count: 1 };
            assert.equal((await api.request("PUT", "/__emulator/faults", { json: { faults: [fault] } })).status, 200);
            await startCounting(api);
            const secretsProvider = externalApplicationSecretProvider(run(emu.url));
            const failed = await Promise.allSettled(secrets.map((s) => secretsProvider.read(s.id, s.outs)));
            assert.deepEqual(
                failed.map((r) => r.status),
                secrets.map(() => "rejected"),
            );
            assert.deepEqual(await calls(emu), { [TOKEN]: 1, [LIST]: 1 });
            const again = await secretsProvider.read(secrets[0]!.id, secrets[0]!.outs);
            assert.deepEqual(again, { id: secrets[0]!.id, props: secrets[0]!.outs });
            assert.deepEqual(await calls(emu), { [TOKEN]: 1, [LIST]: 2 });
        }));

    it("a change after the listing is seen by the write (its own GET), and the listing is read again after a write", () =>
        withEmulator(async ({ emu, api }) => {
            const { app, secrets } = await appWithSecrets(emu.url, 2);
            const [mine, other] = secrets as [(typeof secrets)[0], (typeof secrets)[0]];
            const notices: string[] = [];
            const context = run(emu.url, notices);
            const secretsProvider = externalApplicationSecretProvider(context);
            await secretsProvider.read(mine.id, mine.outs);
            // Someone else (an interrupted run, say) generates a secret with this resource's tag after the listing.
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            const stray = await api.post(`/${DEMO.org}/identity_/api/ExternalClient/GenerateSecret`, {
                token,
                json: {
                    clientId: app.id,
                    description: `left behind [pulumi:${tag(0)}]`,
                    partitionGlobalId: DEMO.pg,
                    expiryTime: null,
                },
            });
            assert.equal(stray.status, 200);
            const strayId = (stray.body as { id: number }).id;
            await startCounting(api);
            const rotated = await secretsProvider.update(mine.id, mine.outs, {
                ...mine.outs,
                rotationTrigger: "rotate now",
            });
            const outs = rotated.outs as ExternalApplicationSecretState;
            assert.notEqual(outs.secretId, mine.outs.secretId);
            // The rotation read the app with its own GET, saw the stray secret and deleted it.
            assert.ok(
                notices.some((n) => n.includes(`deleted 1 secret(s)`) && n.includes(`ids ${strayId}`)),
                notices.join("\n"),
            );
            const appNow = await api.get(`/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}/${app.id}`, { token });
            assert.ok(!(appNow.body as { secrets: { id: number }[] }).secrets.some((s) => s.id === strayId));
            // The write made the listing stale: refresh in the same run lists again and sees the new secret.
            const [after, untouched] = await Promise.all([
                secretsProvider.read(mine.id, outs),
                secretsProvider.read(other.id, other.outs),
            ]);
            assert.equal((after.props as ExternalApplicationSecretState).secretExists, true);
            assert.equal((untouched.props as ExternalApplicationSecretState).secretExists, true);
            const counted = await calls(emu);
            assert.equal(counted[GET_ONE], 2, "the write's own GET, and the check above");
            assert.equal(counted[LIST], 1, "one listing after the write, shared by both reads");
        }));

    it("a refresh of assets in two folders reads one listing per folder; a Credential asset also its own GET", () =>
        withEmulator(async ({ emu, api }) => {
            const setup = orchestratorAssetProvider(run(emu.url));
            const asset = (i: number, folder: string, valueType: "Text" | "Secret" = "Text"): OrchestratorAssetInputs =>
                ({ tenant: DEMO.tenant, folder, name: `asset-${i}`, valueType, value: `value-${i}` }) as never;
            const inputs = [
                ...Array.from({ length: 10 }, (_, i) => asset(i, "Shared", i % 2 ? "Secret" : "Text")),
                ...Array.from({ length: 10 }, (_, i) => asset(i, "Shared/Finance")),
                {
                    tenant: DEMO.tenant,
                    folder: "Shared",
                    name: "login",
                    valueType: "Credential",
                    username: "robot",
                    password: "pw-1",
                } as OrchestratorAssetInputs,
            ];
            await startCounting(api);
            const created = await Promise.all(inputs.map((i) => setup.create(i)));
            // Creating them looked each folder up once (the lookup is shared by the run).
            assert.equal((await calls(emu))["GET /demo-org/DefaultTenant/orchestrator_/odata/Folders"], 2);
            await startCounting(api);
            const refresh = orchestratorAssetProvider(run(emu.url));
            const reads = await Promise.all(created.map((c) => refresh.read(c.id, c.outs)));
            assert.deepEqual(await calls(emu), {
                [TOKEN]: 1,
                "GET /demo-org/DefaultTenant/orchestrator_/odata/Assets/UiPath.Server.Configuration.OData.GetFiltered": 2,
                "GET /demo-org/DefaultTenant/orchestrator_/odata/Assets({id})": 1,
            });
            reads.forEach((r, i) => {
                const before = created[i]!.outs as OrchestratorAssetState;
                assert.equal((r.props as OrchestratorAssetState).valueFingerprint, before.valueFingerprint);
                assert.equal((r.props as OrchestratorAssetState).lastModificationTime, before.lastModificationTime);
            });
        }));
});
