/** External applications: catalog, create, read, update, delete, and who may do it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO_SEED } from "../../emulator";
import { DEMO, errorCode, field, withEmulator, type Api } from "./helpers";

const BASE = `/${DEMO.org}/identity_/api`;
const APPS = `${BASE}/ExternalClient`;

/** ApiScopeType on the wire: 0 = user, 1 = application, 2 = either (see emulator/wire.ts). */
const USER = 0;
const APPLICATION = 1;
const EITHER = 2;

/** An ExternalScopeDto as UiPath's tools send it (integer type). */
const scope = (name: string, type: number | string = APPLICATION) => ({
    name,
    displayName: name,
    description: null,
    type,
});

/** `name:type` of every scope of an app or catalog answer. */
const scopeList = (resources: Array<{ scopes: Array<{ name: string; type: unknown }> }>) =>
    resources.flatMap((r) => r.scopes.map((s) => `${s.name}:${String(s.type)}`));

function create(api: Api, body: Record<string, unknown>, token: string = DEMO.adminPat) {
    return api.post(APPS, {
        token,
        json: { partitionGlobalId: DEMO.pg, isConfidential: true, redirectUri: null, scopes: [], ...body },
    });
}

async function appToken(api: Api, scopes: string[]): Promise<string> {
    const res = await create(api, { name: scopes.join(","), scopes: scopes.map((s) => scope(s)) });
    return api.appToken(DEMO.org, field(res.body, "id"), field(res.body, "secret"));
}

describe("scope catalog", () => {
    it("lists resources with described, typed scopes, using only published scope names", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(`${BASE}/ExternalApiResource`, { token: DEMO.adminPat });
            assert.equal(res.status, 200);
            const resources = res.body as Array<{
                name: string;
                description: string;
                scopes: Array<Record<string, string>>;
            }>;
            for (const r of resources) {
                assert.equal(typeof r.description, "string");
                for (const s of r.scopes)
                    assert.deepEqual(Object.keys(s), ["name", "displayName", "description", "type"]);
            }
            const pm = resources.find((r) => r.name === "PlatformManagement")!;
            for (const name of [
                "PM.OAuthApp",
                "PM.OAuthApp.Read",
                "PM.OAuthApp.Write",
                "PM.OAuthAppSecret.Write",
                "PM.Audit.Read",
                "PM.AuthSetting",
            ]) {
                assert.ok(
                    pm.scopes.some((s) => s.name === name),
                    name,
                );
            }
            const names = resources.flatMap((r) => r.scopes.map((s) => s.name));
            assert.ok(
                !names.includes("PM.Audit.Write") && !names.includes("OR.Queue"),
                "no scope without a public source",
            );
            assert.ok(
                names.includes("OR.Default") &&
                    names.includes("OR.Webhooks.Read") &&
                    names.includes("Du.DataDeletion.Api"),
            );
        }));

    it("renders scope types as integers (2 = either, 1 = application) by default, as the swagger's names when the seed says so", async () => {
        const types = async (scopeTypes?: "names") =>
            withEmulator(scopeTypes ? { config: { ...DEMO_SEED, wire: { scopeTypes } } } : {}, async ({ api }) => {
                const res = await api.get(`${BASE}/ExternalApiResource`, { token: DEMO.adminPat });
                return scopeList(res.body as Array<{ scopes: Array<{ name: string; type: unknown }> }>).filter((s) =>
                    /^(OR\.Jobs|PM\.OAuthApp):/.test(s),
                );
            });
        assert.deepEqual(await types(), ["OR.Jobs:2", "PM.OAuthApp:1"]);
        assert.deepEqual(await types("names"), ["OR.Jobs:userAndApplication", "PM.OAuthApp:application"]);
    });
});

describe("creating an external application", () => {
    it("answers 201 with the documented shape and the first secret", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, {
                name: "ci",
                scopes: [scope("PM.OAuthApp.Read"), scope("OR.Jobs", EITHER)],
            });
            assert.equal(res.status, 201);
            const app = res.body as Record<string, unknown>;
            assert.deepEqual(Object.keys(app), [
                "name",
                "id",
                "secret",
                "isConfidential",
                "redirectUri",
                "resources",
                "secrets",
            ]);
            assert.equal(app.isConfidential, true);
            assert.equal(typeof app.secret, "string");
            const resources = app.resources as Array<{
                name: string;
                description: string;
                scopes: Array<{ name: string; type: number }>;
            }>;
            assert.deepEqual(
                resources.map((r) => [r.name, r.scopes.map((s) => `${s.name}:${s.type}`)]),
                [
                    ["PlatformManagement", ["PM.OAuthApp.Read:1"]],
                    ["OrchestratorApiUserAccess", ["OR.Jobs:1", "OR.Jobs:0"]],
                ],
                "a scope of both uses reads back as two registrations, 1 (application) and 0 (user)",
            );
            const [secret] = app.secrets as Array<Record<string, unknown>>;
            assert.deepEqual(Object.keys(secret!), ["id", "description", "secret", "creationTime", "expiryTime"]);
            assert.equal(secret!.secret, app.secret);
            assert.equal(secret!.creationTime, "2025-01-01T00:00:00.000Z");
        }));

    it("gives a working client secret that carries the application scopes", () =>
        withEmulator(async ({ api }) => {
            const token = await appToken(api, ["PM.OAuthApp.Read"]);
            assert.equal((await api.get(`${APPS}/${DEMO.pg}`, { token })).status, 200);
        }));

    it("gives a non-confidential app with user scopes no secret, and refuses it application scopes", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, {
                name: "spa",
                isConfidential: false,
                redirectUri: "http://localhost/cb",
                scopes: [scope("OR.Jobs", USER)],
            });
            assert.equal(res.status, 201);
            const app = res.body as Record<string, unknown>;
            assert.equal(app.secret, null);
            assert.deepEqual(app.secrets, []);
            const refused = await create(api, { name: "spa", isConfidential: false, scopes: [scope("OR.Jobs")] });
            assert.deepEqual(refused.body, {
                errors: { scopes: ["A non-confidential application can only have user scopes."] },
            });
        }));

    it("refuses unknown scopes and a scope used the way the catalog does not allow, naming each", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, {
                name: "ci",
                scopes: [scope("PM.OAuthApp"), scope("X.Nope"), scope("PM.User", USER)],
            });
            assert.equal(res.status, 400);
            assert.deepEqual(res.body, {
                errors: { scopes: ["Unknown scope 'X.Nope'", "Scope 'PM.User' cannot be granted as a user scope."] },
            });
            const badType = await create(api, { name: "ci", scopes: [scope("PM.OAuthApp", "robot")] });
            assert.deepEqual(badType.body, { errors: { scopes: ["The value 'robot' is not valid."] } });
            const badNumber = await create(api, { name: "ci", scopes: [scope("PM.OAuthApp", 3)] });
            assert.deepEqual(badNumber.body, { errors: { scopes: ["The value '3' is not valid."] } });
        }));

    it("requires the documented required fields", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(APPS, { token: DEMO.adminPat, json: { partitionGlobalId: DEMO.pg } });
            assert.equal(res.status, 400);
            const fields = (res.body as { errors: Record<string, string[]> }).errors;
            assert.deepEqual(Object.keys(fields).sort(), ["isConfidential", "name", "scopes"]);
            assert.deepEqual(fields.name, ["The name field is required."]);
            const empty = await create(api, { name: "  " });
            assert.ok((empty.body as { errors: { name: string[] } }).errors.name.length > 0);
        }));

    it("answers a partitionGlobalId that is not a GUID with ASP.NET's text, another org's with InvalidPartition", () =>
        withEmulator(async ({ api }) => {
            const notGuid = await create(api, { name: "ci", partitionGlobalId: "DatacomGroup" });
            assert.deepEqual(notGuid.body, {
                errors: { partitionGlobalId: ["The value 'DatacomGroup' is not valid."] },
            });
            const other = await create(api, { name: "ci", partitionGlobalId: "00000000-0000-0000-0000-000000000000" });
            assert.equal(other.status, 400);
            assert.deepEqual(Object.keys((other.body as { errors: object }).errors), ["partitionGlobalId"]);
        }));

    it("accepts the swagger's type names in any case, as well as integers", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, {
                name: "ci",
                scopes: [
                    scope("PM.OAuthApp", "Application"),
                    scope("OR.Jobs", "userAndApplication"),
                    scope("OR.Queues", USER),
                ],
            });
            assert.equal(res.status, 201, JSON.stringify(res.body));
            assert.deepEqual(
                scopeList(
                    (res.body as { resources: Array<{ scopes: Array<{ name: string; type: unknown }> }> }).resources,
                ),
                ["PM.OAuthApp:1", "OR.Jobs:1", "OR.Jobs:0", "OR.Queues:0"],
            );
        }));

    it("refuses a bare-string scope as UiPath would, and ignores clientCertificates", () =>
        withEmulator(async ({ api }) => {
            const res = await create(api, { name: "ci", scopes: ["PM.OAuthApp"], clientCertificates: [{}] });
            assert.deepEqual(res.body, {
                errors: { scopes: ["The JSON value could not be converted to ExternalScopeDto."] },
            });
            assert.equal(
                (await create(api, { name: "ci", scopes: [scope("PM.OAuthApp")], clientCertificates: [{}] })).status,
                201,
            );
        }));

    it("accepts bare-string scopes as application scopes only when the seed's wire.acceptBareScopeNames allows it (emulator extension)", () =>
        withEmulator({ config: { ...DEMO_SEED, wire: { acceptBareScopeNames: true } } }, async ({ api }) => {
            const res = await create(api, { name: "ci", scopes: ["PM.OAuthApp"] });
            assert.equal(res.status, 201);
            assert.deepEqual(
                scopeList(
                    (res.body as { resources: Array<{ scopes: Array<{ name: string; type: unknown }> }> }).resources,
                ),
                ["PM.OAuthApp:1"],
            );
        }));

    it("is allowed in a directory-integration org", () =>
        withEmulator(async ({ api }) => {
            const aadPg = "0a6b7c8d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
            const res = await api.post(`/aad-org/identity_/api/ExternalClient`, {
                token: DEMO.aadAdminPat,
                json: { partitionGlobalId: aadPg, name: "ci", isConfidential: true, scopes: [scope("PM.OAuthApp")] },
            });
            assert.equal(res.status, 201);
        }));
});

describe("reading external applications", () => {
    it("never returns secret values", () =>
        withEmulator(async ({ api }) => {
            const created = await create(api, { name: "ci", scopes: [scope("OR.Jobs")] });
            const id = field(created.body, "id");
            const one = await api.get(`${APPS}/${DEMO.pg}/${id}`, { token: DEMO.adminPat });
            assert.equal(one.status, 200);
            const app = one.body as { secret: unknown; secrets: Array<Record<string, unknown>> };
            assert.equal(app.secret, null);
            assert.deepEqual(
                app.secrets.map((s) => s.secret),
                [null],
            );
            const list = await api.get(`${APPS}/${DEMO.pg}`, { token: DEMO.adminPat });
            const text = JSON.stringify(list.body);
            assert.ok(!text.includes(field(created.body, "secret")));
            assert.ok(!text.includes(DEMO.clientSecret));
            assert.deepEqual(
                (list.body as Array<{ id: string }>).map((a) => a.id),
                [DEMO.clientId, id],
            );
        }));

    it("answers 404 ExternalApplicationNotFound for an unknown client id", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(`${APPS}/${DEMO.pg}/nope`, { token: DEMO.adminPat });
            assert.equal(res.status, 404);
            assert.equal(errorCode(res), "ExternalApplicationNotFound");
        }));
});

describe("updating and deleting external applications", () => {
    it("PUT answers 200 with an empty body and changes name, redirect URI and scopes", () =>
        withEmulator(async ({ api }) => {
            const id = field((await create(api, { name: "ci", scopes: [scope("OR.Jobs")] })).body, "id");
            const res = await api.put(`${APPS}/${DEMO.pg}/${id}`, {
                token: DEMO.adminPat,
                json: {
                    name: "ci-2",
                    redirectUri: "http://x/cb",
                    scopes: [scope("PM.OAuthApp"), scope("OR.Jobs", USER)],
                },
            });
            assert.equal(res.status, 200);
            assert.equal(res.body, undefined);
            const app = (await api.get(`${APPS}/${DEMO.pg}/${id}`, { token: DEMO.adminPat })).body as {
                name: string;
                redirectUri: string;
                resources: Array<{ name: string; scopes: Array<{ name: string; type: number }> }>;
            };
            assert.equal(app.name, "ci-2");
            assert.equal(app.redirectUri, "http://x/cb");
            assert.deepEqual(scopeList(app.resources), ["PM.OAuthApp:1", "OR.Jobs:0"]);
        }));

    it("PUT leaves out fields alone, validates scopes and answers 404 for an unknown app", () =>
        withEmulator(async ({ api }) => {
            assert.equal(
                (await api.put(`${APPS}/${DEMO.pg}/${DEMO.clientId}`, { token: DEMO.adminPat, json: { name: null } }))
                    .status,
                200,
            );
            const app = await api.get(`${APPS}/${DEMO.pg}/${DEMO.clientId}`, { token: DEMO.adminPat });
            assert.equal(field(app.body, "name"), "Demo client");
            const bad = await api.put(`${APPS}/${DEMO.pg}/${DEMO.clientId}`, {
                token: DEMO.adminPat,
                json: { scopes: [scope("Bad")] },
            });
            assert.deepEqual(bad.body, { errors: { scopes: ["Unknown scope 'Bad'"] } });
            const missing = await api.put(`${APPS}/${DEMO.pg}/nope`, { token: DEMO.adminPat, json: { name: "x" } });
            assert.equal(missing.status, 404);
        }));

    it("DELETE answers 204, removes the app and kills its tokens", () =>
        withEmulator(async ({ api }) => {
            const created = await create(api, { name: "ci", scopes: [scope("PM.OAuthApp")] });
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

    it("lets PM.OAuthApp.Read read but not write; PM.OAuthApp.Write write; PM.OAuthAppSecret.Write only secrets", () =>
        withEmulator(async ({ api }) => {
            const reader = await appToken(api, ["PM.OAuthApp.Read"]);
            assert.equal((await api.get(`${APPS}/${DEMO.pg}`, { token: reader })).status, 200);
            const refused = await create(api, { name: "x" }, reader);
            assert.equal(refused.status, 403);
            assert.equal(errorCode(refused), "InsufficientScope");
            assert.match((refused.body as { message: string }).message, /PM\.OAuthApp\.Write/);

            const writer = await appToken(api, ["PM.OAuthApp.Write"]);
            assert.equal((await create(api, { name: "x" }, writer)).status, 201);
            assert.equal(errorCode(await api.get(`${APPS}/${DEMO.pg}`, { token: writer })), "InsufficientScope");

            const secretsOnly = await appToken(api, ["PM.OAuthAppSecret.Write"]);
            const generated = await api.post(`${APPS}/GenerateSecret`, {
                token: secretsOnly,
                json: { partitionGlobalId: DEMO.pg, clientId: DEMO.clientId },
            });
            assert.equal(generated.status, 200);
            assert.equal(errorCode(await create(api, { name: "x" }, secretsOnly)), "InsufficientScope");

            const none = await appToken(api, ["OR.Jobs"]);
            assert.equal(errorCode(await api.get(`${BASE}/ExternalApiResource`, { token: none })), "InsufficientScope");
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
