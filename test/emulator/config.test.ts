/** Seed configuration: custom seeds, seed files, validation, the demo seed. */
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { startEmulator, type SeedConfig } from "../../emulator";
import { parseSeedConfig } from "../../emulator/config";
import { DEMO, errorCode, field, withEmulator } from "./helpers";

const custom: SeedConfig = {
    organizations: [
        {
            name: "acme",
            id: "11111111-2222-4333-8444-555555555555",
            documentUnderstandingApiKey: "acme-du-key-0001",
            tenants: [
                { name: "Prod", services: ["orchestrator", "testmanager"], orchestratorUserKey: "acme-prod-user-key" },
            ],
            users: [
                {
                    email: "ops@acme.test",
                    roles: ["OrganizationAdministrator"],
                    personalAccessTokens: ["acme-pat-ops"],
                },
            ],
            externalApps: [{ id: "acme-ci", name: "CI", scopes: ["PM.OAuthApp"] }],
        },
    ],
};

describe("seed configuration", () => {
    it("uses the keys the seed gives and generates the rest", () =>
        withEmulator({ config: custom }, async ({ api, emu }) => {
            const access = await api.get(`/acme/portal_/api/apiAccess/tenants/Prod/services/orchestrator`, {
                token: "acme-pat-ops",
            });
            assert.equal(field(access.body, "userKey"), "acme-prod-user-key");
            const du = await api.get(`/acme/portal_/api/apiAccess/documentUnderstanding`, { token: "acme-pat-ops" });
            assert.equal(field(du.body, "apiKey"), "acme-du-key-0001");
            const app = emu.store.read().orgs[0]!.externalApps[0]!;
            assert.equal(app.secrets.length, 1, "a confidential app without a seeded secret gets a generated one");
            assert.equal(
                (await api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`)).status,
                404,
                "the demo seed is replaced",
            );
        }));

    it("lists every tenant service but offers API access only for Orchestrator", () =>
        withEmulator({ config: custom }, async ({ api }) => {
            const info = await api.get(`/acme/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, {
                token: "acme-pat-ops",
            });
            assert.deepEqual((info.body as { tenants: Array<{ services: string[] }> }).tenants[0]!.services, [
                "orchestrator",
                "testmanager",
            ]);
            const tm = await api.get(`/acme/portal_/api/apiAccess/tenants/Prod/services/testmanager`, {
                token: "acme-pat-ops",
            });
            assert.equal(errorCode(tm), "ServiceNotFound");
        }));

    it("loads a seed from a JSON file", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-seed-"));
        try {
            const file = path.join(dir, "seed.json");
            fs.writeFileSync(file, JSON.stringify(custom));
            await withEmulator({ config: file }, async ({ api }) => {
                assert.equal(
                    (await api.get(`/acme/portal_/api/apiAccess/computerVision`, { token: "acme-pat-ops" })).status,
                    200,
                );
            });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses an invalid seed with the path of each problem", async () => {
        const bad = {
            organizations: [
                {
                    name: "bad org",
                    users: [
                        {
                            email: "a@b.test",
                            personalAccessTokens: ["same-pat-1"],
                            assignedServices: [{ tenant: "T", service: "orchestrator" }],
                        },
                        { email: "c@d.test", personalAccessTokens: ["same-pat-1"] },
                    ],
                    externalApps: [{ id: "x", name: "x", scopes: ["Nope.Scope"] }],
                },
            ],
        };
        await assert.rejects(startEmulator({ config: bad as SeedConfig }), (err: Error) => {
            for (const needle of [
                "organizations[0].name",
                "duplicate personal access token",
                "unknown tenant/service T/orchestrator",
                "unknown scope 'Nope.Scope'",
            ]) {
                assert.ok(err.message.includes(needle), `${needle} in ${err.message}`);
            }
            return true;
        });
    });

    it("takes wire options beside the organizations, defaulting to what UiPath sends, and refuses unknown ones", async () => {
        assert.deepEqual(parseSeedConfig(custom).wire, {
            scopeTypes: "integers",
            acceptBareScopeNames: false,
            omitSecretsFromCreateAnswer: false,
            secretPropagationMs: 0,
        });
        assert.equal(parseSeedConfig({ ...custom, wire: { scopeTypes: "names" } }).wire.scopeTypes, "names");
        assert.throws(() => parseSeedConfig({ ...custom, wire: { scopeTypes: "strings" } }), /wire\.scopeTypes/);
        assert.throws(() => parseSeedConfig({ ...custom, wire: { bareScopes: true } }), /bareScopes/);
    });

    it("the demo seed covers the normal, directory-integration and retired organizations", () =>
        withEmulator(async ({ emu }) => {
            const orgs = emu.store.read().orgs.map((o) => [o.name, o.id, o.directoryIntegration, o.userKeyAccess]);
            assert.deepEqual(orgs, [
                ["demo-org", DEMO.pg, false, true],
                ["aad-org", "0a6b7c8d-1e2f-4a3b-8c4d-5e6f7a8b9c0d", true, true],
                ["retired-org", "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", false, false],
            ]);
        }));

    it("generates different keys on each start", async () => {
        const keys: string[] = [];
        for (let i = 0; i < 2; i++) {
            await withEmulator(async ({ api }) => {
                keys.push(await api.userKey());
            });
        }
        assert.notEqual(keys[0], keys[1]);
        assert.match(keys[0]!, /^[A-Za-z0-9_-]{43}$/);
    });
});
