/** FileStore: state survives restarts and is written atomically. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { startEmulator, ManualClock, type EmulatorOptions } from "../../emulator";
import { writeAtomically } from "../../emulator/store/file";
import { Api, DEMO, T0, field } from "./helpers";

const REVOKE = `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator/revoke`;

let dataDir: string;
beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-emulator-"));
});
afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
});

async function withDataDir<T>(fn: (api: Api) => Promise<T>, config?: EmulatorOptions["config"]): Promise<T> {
    const emu = await startEmulator({ dataDir, config, clock: new ManualClock(T0) });
    try {
        return await fn(new Api(emu.url));
    } finally {
        await emu.close();
    }
}

describe("file persistence", () => {
    it("keeps a revoked key revoked across a restart", async () => {
        const { oldKey, newKey } = await withDataDir(async (api) => {
            const oldKey = await api.userKey();
            const newKey = field((await api.post(REVOKE, { token: DEMO.adminPat })).body, "userKey");
            return { oldKey, newKey };
        });
        await withDataDir(async (api) => {
            assert.equal(await api.userKey(), newKey);
            assert.equal((await api.exchangeUserKey(oldKey)).status, 403);
            assert.equal((await api.exchangeUserKey(newKey)).status, 200);
        });
    });

    it("keeps generated app secrets and product keys across a restart", async () => {
        const saved = await withDataDir(async (api) => {
            const created = await api.post(`/${DEMO.org}/identity_/api/ExternalClient`, {
                token: DEMO.adminPat,
                json: {
                    partitionGlobalId: DEMO.pg,
                    name: "ci",
                    isConfidential: true,
                    scopes: [{ name: "PM.OAuthApp", type: 1 }],
                },
            });
            const du = field(
                (
                    await api.post(`/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding/regenerate`, {
                        token: DEMO.adminPat,
                    })
                ).body,
                "apiKey",
            );
            return { id: field(created.body, "id"), secret: field(created.body, "secret"), du };
        });
        await withDataDir(async (api) => {
            await api.appToken(DEMO.org, saved.id, saved.secret);
            const use = await api.post("/metering/validate", {
                headers: { "X-UIPATH-License": saved.du },
                json: { productName: "DU", modelName: "m" },
            });
            assert.equal(use.status, 200);
        });
    });

    it("does not keep access tokens across a restart (memory only)", async () => {
        const token = await withDataDir((api) => api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret));
        await withDataDir(async (api) => {
            const res = await api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, {
                token,
            });
            assert.equal(res.status, 401);
        });
    });

    it("lets an existing state.json win over the seed config", async () => {
        await withDataDir(async () => undefined);
        const otherSeed = { organizations: [{ name: "other-org" }] };
        await withDataDir(async (api) => {
            assert.equal(
                (await api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`)).status,
                401,
            );
            assert.equal(
                (await api.get(`/other-org/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`)).status,
                404,
            );
        }, otherSeed);
    });

    it("ignores and removes a torn temp file left by a crash", async () => {
        const newKey = await withDataDir(async (api) =>
            field((await api.post(REVOKE, { token: DEMO.adminPat })).body, "userKey"),
        );
        const torn = path.join(dataDir, "state.json.tmp-99999-deadbeef");
        fs.writeFileSync(torn, '{"version":1,"orgs":[{"name":"half');
        await withDataDir(async (api) => assert.equal(await api.userKey(), newKey));
        assert.ok(!fs.existsSync(torn));
    });

    it("leaves only state.json behind after writes", async () => {
        await withDataDir(async (api) => {
            for (let i = 0; i < 3; i++) await api.post(REVOKE, { token: DEMO.adminPat });
        });
        assert.deepEqual(fs.readdirSync(dataDir), ["state.json"]);
        JSON.parse(fs.readFileSync(path.join(dataDir, "state.json"), "utf8"));
    });

    it("replaces the file whole (rename), never in place", () => {
        const file = path.join(dataDir, "state.json");
        writeAtomically(dataDir, "state.json", "first");
        const before = fs.statSync(file).ino;
        writeAtomically(dataDir, "state.json", "second");
        assert.equal(fs.readFileSync(file, "utf8"), "second");
        assert.notEqual(fs.statSync(file).ino, before);
    });

    it("refuses to start on a corrupt state.json instead of overwriting it", async () => {
        fs.writeFileSync(path.join(dataDir, "state.json"), "{ nope");
        await assert.rejects(startEmulator({ dataDir }), /state\.json is not valid JSON/);
        fs.writeFileSync(path.join(dataDir, "state.json"), JSON.stringify({ version: 1, orgs: [{ name: "x" }] }));
        await assert.rejects(startEmulator({ dataDir }), /does not match the emulator state format/);
        assert.equal(fs.readFileSync(path.join(dataDir, "state.json"), "utf8").length > 0, true);
    });
});
