/** The audit log: one entry per non-admin request, never a secret value. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { AuditEntry } from "../../emulator";
import { DEMO, field, withEmulator, type Api } from "./helpers";

async function entries(api: Api): Promise<AuditEntry[]> {
    return ((await api.get("/__emulator/audit")).body as { entries: AuditEntry[] }).entries;
}

describe("audit log", () => {
    it("records time, method, path, caller, org, status and mutating", () =>
        withEmulator(async ({ api, clock }) => {
            clock.advance(5_000);
            await api.get(`/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`, { token: DEMO.adminPat });
            await api.post(`/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding/regenerate`, {
                token: DEMO.viewerPat,
            });
            const [read, refused] = await entries(api);
            assert.deepEqual(
                { ...read, traceId: undefined },
                {
                    time: "2025-01-01T00:00:05.000Z",
                    method: "GET",
                    path: `/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`,
                    caller: "user:admin@demo.local",
                    org: DEMO.org,
                    status: 200,
                    mutating: false,
                    traceId: undefined,
                },
            );
            assert.equal(refused!.status, 403);
            assert.equal(refused!.mutating, true);
            assert.equal(refused!.caller, "user:viewer@demo.local");
        }));

    it("names app and user-key callers, and anonymous ones", () =>
        withEmulator(async ({ api }) => {
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            await api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, { token });
            const key = await api.userKey();
            await api.exchangeUserKey(key);
            await api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`);
            const callers = (await entries(api)).map((e) => [e.caller, e.org, e.status]);
            assert.deepEqual(callers, [
                ["app:demo-client", DEMO.org, 200],
                ["app:demo-client", DEMO.org, 200],
                ["user:admin@demo.local", DEMO.org, 200],
                [`userKey:${DEMO.tenant}`, DEMO.org, 200],
                ["anonymous", DEMO.org, 401],
            ]);
        }));

    it("records failures: 404 route, 404 org, 405, 429 and injected faults", () =>
        withEmulator({ rateLimits: { GET: 1 } }, async ({ api }) => {
            await api.get("/nowhere");
            await api.get("/no-org/portal_/api/apiAccess/computerVision");
            await api.delete(`/${DEMO.org}/portal_/api/apiAccess/computerVision`);
            await api.get(`/${DEMO.org}/identity_/api/ExternalApiResource`);
            await api.get(`/${DEMO.org}/identity_/api/ExternalApiResource`);
            await api.put("/__emulator/faults", { json: { faults: [{ path: "^/fault", status: 503, count: 1 }] } });
            await api.post("/fault");
            assert.deepEqual(
                (await entries(api)).map((e) => [e.method, e.path, e.status]),
                [
                    ["GET", "/nowhere", 404],
                    ["GET", "/no-org/portal_/api/apiAccess/computerVision", 404],
                    ["DELETE", `/${DEMO.org}/portal_/api/apiAccess/computerVision`, 405],
                    ["GET", `/${DEMO.org}/identity_/api/ExternalApiResource`, 401],
                    ["GET", `/${DEMO.org}/identity_/api/ExternalApiResource`, 429],
                    ["POST", "/fault", 503],
                ],
            );
        }));

    it("does not audit admin routes and can be cleared", () =>
        withEmulator(async ({ api, emu }) => {
            await api.get("/__emulator/health");
            await api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`);
            assert.equal((await entries(api)).length, 1);
            assert.equal((await api.delete("/__emulator/audit")).status, 204);
            assert.deepEqual(await entries(api), []);
            assert.deepEqual(emu.audit(), []);
        }));

    it("drops the query string from paths", () =>
        withEmulator(async ({ api }) => {
            await api.get(
                `/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo?key=${DEMO.clientSecret}`,
            );
            assert.equal(
                (await entries(api))[0]!.path,
                `/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`,
            );
        }));

    it("never holds a secret value", () =>
        withEmulator(async ({ api, emu }) => {
            const secrets = new Set<string>([DEMO.adminPat, DEMO.assignedPat, DEMO.viewerPat, DEMO.clientSecret]);
            const appToken = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            await api.post(`/${DEMO.org}/identity_/connect/token`, {
                form: {
                    grant_type: "client_credentials",
                    client_id: DEMO.clientId,
                    client_secret: "wrong-secret-guess",
                },
            });
            secrets.add("wrong-secret-guess");
            const oldKey = await api.userKey();
            const userKeyResponse = await api.exchangeUserKey(oldKey);
            secrets.add(field(userKeyResponse.body, "id_token"));
            const revoke = `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator/revoke`;
            const newKey = field((await api.post(revoke, { token: appToken })).body, "userKey");
            await api.exchangeUserKey(oldKey);
            await api.exchangeUserKey(newKey);
            for (const p of ["documentUnderstanding", "computerVision"]) {
                secrets.add(
                    field(
                        (await api.get(`/${DEMO.org}/portal_/api/apiAccess/${p}`, { token: DEMO.adminPat })).body,
                        "apiKey",
                    ),
                );
                const regen = await api.post(`/${DEMO.org}/portal_/api/apiAccess/${p}/regenerate`, {
                    token: DEMO.adminPat,
                });
                const key = field(regen.body, "apiKey");
                secrets.add(key);
                await api.post("/metering/validate", {
                    headers: { "X-UIPATH-License": key },
                    json: { productName: "DU", modelName: "check" },
                });
            }
            const created = await api.post(`/${DEMO.org}/identity_/api/ExternalClient`, {
                token: DEMO.adminPat,
                json: {
                    partitionGlobalId: DEMO.pg,
                    name: "ci",
                    isConfidential: true,
                    scopes: [{ name: "PM.OAuthApp", type: 1 }],
                },
            });
            secrets.add(field(created.body, "secret"));
            const generated = await api.post(`/${DEMO.org}/identity_/api/ExternalClient/GenerateSecret`, {
                token: DEMO.adminPat,
                json: {
                    partitionGlobalId: DEMO.pg,
                    clientId: field(created.body, "id"),
                    description: "d",
                    expiryTime: null,
                },
            });
            secrets.add(field(generated.body, "secret"));
            secrets.add(oldKey);
            secrets.add(newKey);
            for (const token of emu.issuedTokens()) secrets.add(token);
            for (const org of emu.store.read().orgs) {
                secrets.add(org.documentUnderstandingApiKey).add(org.computerVisionApiKey);
                for (const t of org.tenants) for (const s of t.services) if (s.userKey) secrets.add(s.userKey);
                for (const a of org.externalApps) for (const s of a.secrets) secrets.add(s.value);
                for (const u of org.users) for (const p of u.personalAccessTokens) secrets.add(p);
            }

            const serialized = JSON.stringify(await entries(api));
            assert.ok((await entries(api)).length >= 12);
            for (const secret of secrets)
                assert.ok(!serialized.includes(secret), `audit log leaks a secret (${secret.slice(0, 4)}…)`);
        }));

    it("marks a request mutating by its route, even when a fault answers first", () =>
        withEmulator(async ({ api }) => {
            await api.put("/__emulator/faults", { json: { faults: [{ path: ".", status: 503 }] } });
            await api.post("/oauth/token", { json: {} });
            await api.post(`/${DEMO.org}/portal_/api/apiAccess/computerVision/regenerate`, { token: DEMO.adminPat });
            const [token, regenerate] = await entries(api);
            assert.deepEqual([token?.status, token?.mutating], [503, false], "a token request changes nothing");
            assert.deepEqual([regenerate?.status, regenerate?.mutating], [503, true]);
        }));
});
