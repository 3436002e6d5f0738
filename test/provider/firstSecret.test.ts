/**
 * ExternalApplication `firstSecret: false` when UiPath's 201 does not list the secret it created
 * the app with (the emulator's `wire.omitSecretsFromCreateAnswer`): the app's only secret is
 * deleted; with none or several, nothing is deleted and create fails naming the app, keeping it.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO_SEED } from "../../emulator";
import { ProviderContext } from "../../provider/runtime/context";
import { UnfinishedCreateError } from "../../provider/runtime/reporting/errors";
import { externalApplicationProvider } from "../../provider/runtime/kinds/externalApplication";
import { DEMO, withEmulator, type Api } from "../emulator/helpers";
import { auditMark, callsSince, injectFaults, until, type Service } from "../helpers/service";

const APPS = `/${DEMO.org}/identity_/api/ExternalClient`;
const inputs = { name: "ci", applicationScopes: ["OR.Jobs.Read"], firstSecret: false };
const omitting = { config: { ...DEMO_SEED, wire: { omitSecretsFromCreateAnswer: true } } };

function provider(url: string) {
    const config: Record<string, string> = {
        "uipath:baseUrl": url,
        "uipath:organization": DEMO.org,
        "uipath:clientId": DEMO.clientId,
        "uipath:clientSecret": DEMO.clientSecret,
    };
    return externalApplicationProvider(
        new ProviderContext({ stackConfig: { get: (k) => config[k] }, env: {}, client: { retryBaseMs: 1 } }),
    );
}

async function secretIdsOf(api: Api, clientId: string): Promise<number[]> {
    const res = await api.get(`${APPS}/${DEMO.pg}/${clientId}`, { token: DEMO.adminPat });
    return (res.body as { secrets: Array<{ id: number }> }).secrets.map((s) => s.id);
}

/**
 * Runs create while the provider's read of the new app is held back (a latency fault), and
 * lets `meanwhile` change the app's secrets before that read is answered.
 */
async function createWhileHeld(s: Service, meanwhile: (clientId: string) => Promise<void>): Promise<unknown> {
    await injectFaults(s, [{ method: "GET", path: `/ExternalClient/${DEMO.pg}/[^/]+$`, latencyMs: 1500, count: 1 }]);
    const mark = auditMark(s);
    const outcome = provider(s.emulator.url)
        .create(inputs)
        .then(
            () => undefined,
            (err: unknown) => err,
        );
    await until("the app's POST", () => callsSince(s, mark).some((e) => e.method === "POST" && e.status === 201));
    const app = (await s.api.get(`${APPS}/${DEMO.pg}`, { token: DEMO.adminPat })).body as Array<{
        id: string;
        name: string;
    }>;
    await meanwhile(app.find((a) => a.name === "ci")!.id);
    return outcome;
}

describe("firstSecret: false when the 201 lists no secret", () => {
    it("deletes the app's only secret, found by reading the app", () =>
        withEmulator(omitting, async ({ emu, api }) => {
            const mark = emu.audit().length;
            const { id, outs } = await provider(emu.url).create(inputs);
            const calls = emu
                .audit()
                .slice(mark)
                .filter((e) => e.path.includes("/ExternalClient"))
                .map((e) => `${e.method} ${e.status}`);
            assert.deepEqual(calls, ["POST 201", "GET 200", "DELETE 204"]);
            assert.deepEqual(await secretIdsOf(api, id), []);
            assert.equal(outs?.secret, undefined);
            assert.equal(outs?.secretId, undefined);
        }));

    it("with several secrets deletes nothing and fails naming the app and the secret ids; the app is kept in state", () =>
        withEmulator(omitting, async ({ emu, api }) => {
            let clientId = "";
            const err = await createWhileHeld({ emulator: emu, api }, async (id) => {
                clientId = id;
                const res = await api.post(`${APPS}/GenerateSecret`, {
                    token: DEMO.adminPat,
                    json: { partitionGlobalId: DEMO.pg, clientId: id, description: "someone else's" },
                });
                assert.equal(res.status, 200);
            });
            assert.ok(err instanceof UnfinishedCreateError, String(err));
            const ids = await secretIdsOf(api, clientId);
            assert.equal(ids.length, 2, "nothing deleted");
            assert.match(
                err.message,
                new RegExp(
                    `ExternalApplication 'ci' \\(client id ${clientId}\\) was created.*lists 2 secrets \\(ids ${ids.join(", ")}\\).*delete every secret that no ExternalApplicationSecret manages`,
                ),
            );
            assert.equal(err.id, clientId);
            assert.equal(err.properties.clientId, clientId);
            assert.equal(err.properties.secret, undefined);
        }));

    it("with no secret left deletes nothing and fails saying the app lists none", () =>
        withEmulator(omitting, async ({ emu, api }) => {
            const err = await createWhileHeld({ emulator: emu, api }, async (id) => {
                for (const secretId of await secretIdsOf(api, id))
                    await api.delete(`${APPS}/${DEMO.pg}/secrets/${secretId}`, { token: DEMO.adminPat });
            });
            assert.ok(err instanceof UnfinishedCreateError, String(err));
            assert.match(err.message, /the application now lists no secret, so firstSecret: false deleted nothing/);
        }));

    it("the emulator's default 201 lists the first secret: it is deleted without a read", () =>
        withEmulator(async ({ emu, api }) => {
            const mark = emu.audit().length;
            const { id } = await provider(emu.url).create(inputs);
            const calls = emu
                .audit()
                .slice(mark)
                .filter((e) => e.path.includes("/ExternalClient"))
                .map((e) => `${e.method} ${e.status}`);
            assert.deepEqual(calls, ["POST 201", "DELETE 204"]);
            assert.deepEqual(await secretIdsOf(api, id), []);
        }));
});
