/** Client-credentials tokens and personal access tokens. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { DEMO, T0, errorCode, errorResult, withEmulator } from "./helpers";

const TOKEN = `/${DEMO.org}/identity_/connect/token`;
const ORG_INFO = `/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`;
const creds = { grant_type: "client_credentials", client_id: DEMO.clientId, client_secret: DEMO.clientSecret };

describe("client-credentials tokens", () => {
    it("grants all of the app's scopes when no scope is asked for", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(TOKEN, { form: creds });
            assert.equal(res.status, 200);
            const body = res.body as Record<string, unknown>;
            assert.equal(body.token_type, "Bearer");
            assert.equal(body.expires_in, 3600);
            assert.equal(body.scope, "PM.OAuthApp OR.Assets OR.Folders.Read");
            assert.equal(typeof body.access_token, "string");
            assert.equal(res.headers.get("cache-control"), "no-store");
        }));

    it("grants only the requested subset of scopes", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(TOKEN, { form: { ...creds, scope: "OR.Assets" } });
            assert.equal(res.status, 200);
            assert.equal((res.body as { scope: string }).scope, "OR.Assets");
        }));

    it("refuses a scope the app does not have with invalid_scope", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(TOKEN, { form: { ...creds, scope: "PM.License OR.Jobs" } });
            assert.equal(res.status, 400);
            assert.equal((res.body as { error: string }).error, "invalid_scope");
        }));

    it("refuses a scope the app holds only as a user scope with invalid_request, naming the client and no scope, as UiPath does", () =>
        withEmulator(async ({ api }) => {
            const created = await api.post(`/${DEMO.org}/identity_/api/ExternalClient`, {
                token: DEMO.adminPat,
                // 1 = application scope, 0 = user scope (ApiScopeType by number).
                json: {
                    partitionGlobalId: DEMO.pg,
                    name: "mixed",
                    isConfidential: true,
                    redirectUri: "http://localhost/cb",
                    scopes: [
                        { name: "OR.Assets", type: 1 },
                        { name: "OR.Jobs", type: 0 },
                    ],
                },
            });
            const app = created.body as { id: string; secret: string };
            const form = { grant_type: "client_credentials", client_id: app.id, client_secret: app.secret };
            const res = await api.post(TOKEN, { form: { ...form, scope: "OR.Assets OR.Jobs" } });
            assert.equal(res.status, 400);
            assert.deepEqual(res.body, {
                error: "invalid_request",
                error_description: `Client=${app.id} is not allowed to access User scopes`,
            });
            assert.equal((await api.post(TOKEN, { form: { ...form, scope: "OR.Assets" } })).status, 200);
            const unregistered = await api.post(TOKEN, { form: { ...form, scope: "OR.Queues" } });
            assert.equal(
                (unregistered.body as { error: string }).error,
                "invalid_scope",
                "a scope not registered at all stays invalid_scope",
            );
        }));

    it("refuses a wrong secret or unknown client with invalid_client and never echoes the secret", () =>
        withEmulator(async ({ api }) => {
            for (const form of [
                { ...creds, client_secret: "wrong-secret-value" },
                { ...creds, client_id: "nobody" },
                { grant_type: "client_credentials", client_id: DEMO.clientId },
            ]) {
                const res = await api.post(TOKEN, { form });
                assert.equal(res.status, 400);
                assert.deepEqual(res.body, { error: "invalid_client" });
            }
        }));

    it("refuses an app of another organization", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(`/aad-org/identity_/connect/token`, { form: creds });
            assert.deepEqual(res.body, { error: "invalid_client" });
        }));

    it("answers unsupported_grant_type (400) for other grants and for none, as Duende IdentityServer does", () =>
        withEmulator(async ({ api }) => {
            const password = await api.post(TOKEN, { form: { ...creds, grant_type: "password" } });
            assert.equal(password.status, 400);
            assert.deepEqual(password.body, { error: "unsupported_grant_type" });
            const none = await api.post(TOKEN, { form: { client_id: DEMO.clientId } });
            assert.equal(none.status, 400);
            assert.equal((none.body as { error: string }).error, "unsupported_grant_type");
        }));

    it("issues RS256-signed JWTs with the claims UiPath's clients read", () =>
        withEmulator(async ({ api, emu }) => {
            const res = await api.post(TOKEN, { form: { ...creds, scope: "PM.OAuthApp" } });
            const token = (res.body as { access_token: string }).access_token;
            const header = decodeProtectedHeader(token);
            assert.equal(header.alg, "RS256");
            assert.equal(typeof header.kid, "string");
            const { payload } = await jwtVerify(token, emu.tokenPublicKey, { currentDate: new Date(T0) });
            assert.equal(payload.sub, DEMO.clientId);
            assert.equal(payload.sub_type, "service.external");
            assert.equal(payload.client_id, DEMO.clientId);
            assert.equal(payload.prt_id, DEMO.pg);
            assert.deepEqual(payload.scope, ["PM.OAuthApp"]);
            assert.equal(payload.iat, T0 / 1000);
            assert.equal(payload.exp, T0 / 1000 + 3600);
            assert.equal(typeof payload.iss, "string");
            assert.ok(payload.aud);
        }));

    it("does not accept a JWT it did not issue, even one signed alike", () =>
        withEmulator(async ({ api }) => {
            const token = (await api.post(TOKEN, { form: creds }).then((r) => r.body as { access_token: string }))
                .access_token;
            const [h, , s] = token.split(".");
            const forged = `${h}.${Buffer.from(JSON.stringify({ sub: DEMO.clientId, prt_id: DEMO.pg })).toString("base64url")}.${s}`;
            assert.equal((await api.get(ORG_INFO, { token: forged })).status, 401);
            assert.equal((await api.get(ORG_INFO, { token })).status, 200);
        }));

    it("is served host-level too (/identity_/connect/token), the org found from the client id", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post("/identity_/connect/token", { form: creds });
            assert.equal(res.status, 200);
            const token = (res.body as { access_token: string }).access_token;
            assert.equal((await api.get(ORG_INFO, { token })).status, 200);
            assert.equal(decodeJwt(token).prt_id, DEMO.pg);
            const wrong = await api.post("/identity_/connect/token", {
                form: { ...creds, client_secret: "wrong-secret-value" },
            });
            assert.equal(wrong.status, 400);
            assert.deepEqual(wrong.body, { error: "invalid_client" });
        }));

    it("accepts the organization id in place of its name", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(`/${DEMO.pg}/identity_/connect/token`, { form: creds });
            assert.equal(res.status, 200);
            const token = (res.body as { access_token: string }).access_token;
            assert.equal(
                (await api.get(`/${DEMO.pg}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, { token }))
                    .status,
                200,
            );
            assert.equal(
                (
                    await api.get(
                        `/${DEMO.pg.toUpperCase()}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`,
                        { token },
                    )
                ).status,
                200,
            );
        }));

    it("accepts client_secret_basic authentication", () =>
        withEmulator(async ({ api }) => {
            const basic = Buffer.from(`${DEMO.clientId}:${DEMO.clientSecret}`).toString("base64");
            const res = await api.post(TOKEN, {
                form: { grant_type: "client_credentials" },
                headers: { Authorization: `Basic ${basic}` },
            });
            assert.equal(res.status, 200);
        }));

    it("requires a form body (415 for JSON)", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(TOKEN, { json: creds });
            assert.equal(res.status, 415);
        }));

    it("reflects the configured TTL in expires_in and expires the token on the clock", () =>
        withEmulator({ tokenTtlSeconds: 120 }, async ({ api, clock }) => {
            const res = await api.post(TOKEN, { form: creds });
            assert.equal((res.body as { expires_in: number }).expires_in, 120);
            const token = (res.body as { access_token: string }).access_token;
            assert.equal((await api.get(ORG_INFO, { token })).status, 200);
            clock.advance(119_000);
            assert.equal((await api.get(ORG_INFO, { token })).status, 200);
            clock.advance(1_000);
            const expired = await api.get(ORG_INFO, { token });
            assert.equal(expired.status, 401);
            assert.equal(errorCode(expired), "Unauthorized");
        }));

    it("binds a token to its organization", () =>
        withEmulator(async ({ api }) => {
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            const res = await api.get(`/aad-org/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, { token });
            assert.equal(res.status, 401);
        }));
});

describe("authentication failures", () => {
    it("answers 401 with a Bearer challenge and an Orchestrator-style body", () =>
        withEmulator(async ({ api }) => {
            for (const token of [undefined, "not-a-token"]) {
                const res = await api.get(ORG_INFO, { token });
                assert.equal(res.status, 401);
                assert.equal(res.headers.get("www-authenticate"), "Bearer");
                const body = errorResult(res);
                assert.equal(body.message, "You are not authenticated!");
                assert.equal(body.errorCode, 0, "no code is published for a 401");
                assert.equal(errorCode(res), "Unauthorized");
            }
        }));

    it("gives every response a fresh traceId", () =>
        withEmulator(async ({ api }) => {
            const a = await api.get(ORG_INFO);
            const b = await api.get(ORG_INFO);
            assert.notEqual((a.body as { traceId: string }).traceId, (b.body as { traceId: string }).traceId);
        }));
});

describe("personal access tokens", () => {
    it("authenticate the user they belong to", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(ORG_INFO, { token: DEMO.viewerPat });
            assert.equal(res.status, 200);
            assert.deepEqual(res.body, {
                organization: { id: DEMO.pg, name: DEMO.org },
                tenants: [
                    {
                        id: (res.body as { tenants: Array<{ id: string }> }).tenants[0]!.id,
                        name: DEMO.tenant,
                        services: ["orchestrator"],
                    },
                ],
            });
        }));

    it("do not work in another organization", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(`/aad-org/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, {
                token: DEMO.adminPat,
            });
            assert.equal(res.status, 401);
        }));
});
