/** External applications: catalog, create, read, update, delete, and who may do it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO, errorCode, field, withEmulator, type Api } from "./helpers";

const BASE = `/${DEMO.org}/identity_/api`;
const APPS = `${BASE}/ExternalClient`;

function create(api: Api, body: Record<string, unknown>, token: string = DEMO.adminPat) {
    return api.post(APPS, { token, json: { partitionGlobalId: DEMO.pg, isConfidential: true, redirectUri: null, ...body } });
}

describe("scope catalog", () => {
    it("lists resources with typed scopes, including the Platform Management ones", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(`${BASE}/ExternalApiResource`, { token: DEMO.adminPat });
            assert.equal(res.status, 200);
            const resources = res.body as Array<{ name: string; scopes: Array<{ name: string; displayName: string; type: string }> }>;
            const pm = resources.find((r) => r.name === "PlatformManagement")!;
            for (const scope of ["PM.OAuthApp", "PM.OAuthApp.Read", "PM.OAuthApp.Write", "PM.OAuthAppSecret.Write", "PM.License", "PM.RobotAccount"]) {
                assert.ok(pm.scopes.some((s) => s.name === scope), scope);
            }
            assert.ok(!pm.scopes.some((s) => s.name.startsWith("PM.ApiAccess")), "no scope UiPath does not publish");
            assert.ok(resources.some((r) => r.name === "OrchestratorApiUserAccess" && r.scopes.every((s) => s.name.startsWith("OR."))));
            assert.ok(resources.some((r) => r.name === "DocumentUnderstanding" && r.scopes.every((s) => s.name.startsWith("Du."))));
        }));
});

describe("creating an external application", () => {
    it("answers 201 with the documented shape and the secret, once", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, { name: "ci", scopes: ["PM.OAuthApp.Read", "OR.Jobs"] });
            assert.equal(res.status, 201);
            const app = res.body as Record<string, unknown>;
            assert.deepEqual(Object.keys(app).sort(), ["id", "isConfidential", "name", "redirectUri", "resources", "secret", "secrets"]);
            assert.equal(app.name, "ci");
            assert.equal(app.isConfidential, true);
            assert.equal(typeof app.secret, "string");
            assert.deepEqual(
                (app.resources as Array<{ name: string; scopes: Array<{ name: string }> }>).map((r) => [r.name, r.scopes.map((s) => s.name)]),
                [["PlatformManagement", ["PM.OAuthApp.Read"]], ["OrchestratorApiUserAccess", ["OR.Jobs"]]],
            );
            const [secret] = app.secrets as Array<Record<string, unknown>>;
            assert.deepEqual(Object.keys(secret!).sort(), ["creationTime", "description", "expiryTime", "id", "secret"]);
            assert.equal(secret!.secret, app.secret);
            assert.equal(secret!.creationTime, "2025-01-01T00:00:00.000Z");
            assert.equal(secret!.expiryTime, null);
        }));

    it("gives a working client secret", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, { name: "ci", scopes: ["PM.License"] });
            const token = await api.appToken(DEMO.org, field(res.body, "id"), field(res.body, "secret"));
            assert.equal((await api.get(`/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`, { token })).status, 200);
        }));

    it("gives a non-confidential app no secret", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, { name: "spa", isConfidential: false, redirectUri: "http://localhost/cb", scopes: ["OR.Jobs"] });
            assert.equal(res.status, 201);
            const app = res.body as Record<string, unknown>;
            assert.equal(app.secret, null);
            assert.deepEqual(app.secrets, []);
            assert.equal(app.redirectUri, "http://localhost/cb");
        }));

    it("refuses an unknown scope with an identity validation body", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, { name: "ci", scopes: ["PM.OAuthApp", "X.Nope"] });
            assert.equal(res.status, 400);
            assert.deepEqual(res.body, { errors: { scopes: ["Unknown scope 'X.Nope'"] } });
        }));

    it("refuses a wrong partitionGlobalId", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, { name: "ci", partitionGlobalId: "00000000-0000-0000-0000-000000000000" });
            assert.equal(res.status, 400);
            assert.deepEqual(Object.keys((res.body as { errors: object }).errors), ["partitionGlobalId"]);
        }));

    it("refuses a missing or empty name", () =>
        withEmulator(async ({ api }) => {
            const missing = await create(api, { scopes: [] });
            assert.equal(missing.status, 400);
            assert.deepEqual(missing.body, { errors: { name: ["The name field is required."] } });
            const empty = await create(api, { name: "  " });
            assert.equal(empty.status, 400);
            assert.ok((empty.body as { errors: { name: string[] } }).errors.name.length > 0);
        }));

    it("is allowed in a directory-integration org", () =>
        withEmulator(async ({ api }) => {
            const aadPg = "0a6b7c8d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
            const res = await api.post(`/aad-org/identity_/api/ExternalClient`, {
                token: DEMO.aadAdminPat,
                json: { partitionGlobalId: aadPg, name: "ci", isConfidential: true, scopes: ["PM.OAuthApp"] },
            });
            assert.equal(res.status, 201);
        }));
});

describe("reading external applications", () => {
    it("never returns secret values", () =>
        withEmulator(async ({ api }) => {
            const created = await create(api, { name: "ci", scopes: ["OR.Jobs"] });
            const id = field(created.body, "id");
            const one = await api.get(`${APPS}/${DEMO.pg}/${id}`, { token: DEMO.adminPat });
            assert.equal(one.status, 200);
            const app = one.body as { secret: unknown; secrets: Array<Record<string, unknown>> };
            assert.equal(app.secret, null);
            assert.equal(app.secrets.length, 1);
            assert.ok(!("secret" in app.secrets[0]!));
            const list = await api.get(`${APPS}/${DEMO.pg}`, { token: DEMO.adminPat });
            const text = JSON.stringify(list.body);
            assert.ok(!text.includes(field(created.body, "secret")));
            assert.ok(!text.includes(DEMO.clientSecret));
            assert.deepEqual((list.body as Array<{ id: string }>).map((a) => a.id), [DEMO.clientId, id]);
        }));

    it("answers 404 ExternalApplicationNotFound for an unknown client id", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(`${APPS}/${DEMO.pg}/nope`, { token: DEMO.adminPat });
            assert.equal(res.status, 404);
            assert.equal(errorCode(res), "ExternalApplicationNotFound");
        }));

    it("refuses a wrong partitionGlobalId in the path", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(`${APPS}/11111111-2222-3333-4444-555555555555`, { token: DEMO.adminPat });
            assert.equal(res.status, 400);
            assert.ok("partitionGlobalId" in (res.body as { errors: object }).errors);
        }));
});

describe("updating and deleting external applications", () => {
    it("PUT changes name, redirect URI and scopes", () =>
        withEmulator(async ({ api }) => {
            const id = field((await create(api, { name: "ci", scopes: ["OR.Jobs"] })).body, "id");
            const res = await api.put(`${APPS}/${DEMO.pg}/${id}`, {
                token: DEMO.adminPat,
                json: { name: "ci-2", redirectUri: "http://x/cb", scopes: ["PM.OAuthApp"] },
            });
            assert.equal(res.status, 200);
            const app = res.body as { name: string; redirectUri: string; secret: unknown; resources: Array<{ name: string }> };
            assert.equal(app.name, "ci-2");
            assert.equal(app.redirectUri, "http://x/cb");
            assert.equal(app.secret, null);
            assert.deepEqual(app.resources.map((r) => r.name), ["PlatformManagement"]);
        }));

    it("PUT validates scopes and answers 404 for an unknown app", () =>
        withEmulator(async ({ api }) => {
            const bad = await api.put(`${APPS}/${DEMO.pg}/${DEMO.clientId}`, { token: DEMO.adminPat, json: { scopes: ["Bad"] } });
            assert.deepEqual(bad.body, { errors: { scopes: ["Unknown scope 'Bad'"] } });
            const missing = await api.put(`${APPS}/${DEMO.pg}/nope`, { token: DEMO.adminPat, json: { name: "x" } });
            assert.equal(missing.status, 404);
        }));

    it("DELETE answers 204, removes the app and kills its tokens", () =>
        withEmulator(async ({ api }) => {
            const created = await create(api, { name: "ci", scopes: ["PM.OAuthApp"] });
            const id = field(created.body, "id");
            const token = await api.appToken(DEMO.org, id, field(created.body, "secret"));
            const del = await api.delete(`${APPS}/${DEMO.pg}/${id}`, { token: DEMO.adminPat });
            assert.equal(del.status, 204);
            assert.equal(del.body, undefined);
            assert.equal((await api.get(`${APPS}/${DEMO.pg}/${id}`, { token: DEMO.adminPat })).status, 404);
            assert.equal((await api.get(`${APPS}/${DEMO.pg}`, { token })).status, 401);
            assert.equal((await api.delete(`${APPS}/${DEMO.pg}/${id}`, { token: DEMO.adminPat })).status, 404);
        }));
});

describe("who may manage external applications", () => {
    it("refuses users who are not org admins with NotOrganizationAdministrator", () =>
        withEmulator(async ({ api }) => {
            for (const token of [DEMO.viewerPat, DEMO.assignedPat]) {
                assert.equal(errorCode(await api.get(`${APPS}/${DEMO.pg}`, { token })), "NotOrganizationAdministrator");
                assert.equal(errorCode(await create(api, { name: "x" }, token)), "NotOrganizationAdministrator");
            }
        }));

    it("lets PM.OAuthApp.Read read but not write; PM.OAuthApp.Write write", () =>
        withEmulator(async ({ api }) => {
            const mk = async (scopes: string[]) => {
                const res = await create(api, { name: scopes.join(","), scopes });
                return api.appToken(DEMO.org, field(res.body, "id"), field(res.body, "secret"));
            };
            const reader = await mk(["PM.OAuthApp.Read"]);
            assert.equal((await api.get(`${APPS}/${DEMO.pg}`, { token: reader })).status, 200);
            const refused = await create(api, { name: "x" }, reader);
            assert.equal(refused.status, 403);
            assert.equal(errorCode(refused), "InsufficientScope");
            assert.match((refused.body as { message: string }).message, /PM\.OAuthApp\.Write/);

            const writer = await mk(["PM.OAuthApp.Write"]);
            assert.equal((await create(api, { name: "x" }, writer)).status, 201);
            assert.equal(errorCode(await api.get(`${APPS}/${DEMO.pg}`, { token: writer })), "InsufficientScope");

            const none = await mk(["PM.License"]);
            assert.equal(errorCode(await api.get(`${APPS}/${DEMO.pg}`, { token: none })), "InsufficientScope");
        }));

    it("lets an app with PM.OAuthApp do everything", () =>
        withEmulator(async ({ api }) => {
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret, "PM.OAuthApp");
            const created = await create(api, { name: "x" }, token);
            assert.equal(created.status, 201);
            const id = field(created.body, "id");
            assert.equal((await api.put(`${APPS}/${DEMO.pg}/${id}`, { token, json: { name: "y" } })).status, 200);
            assert.equal((await api.delete(`${APPS}/${DEMO.pg}/${id}`, { token })).status, 204);
        }));
});
