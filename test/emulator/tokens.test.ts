/** Client-credentials tokens and personal access tokens. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO, errorCode, withEmulator } from "./helpers";

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
            assert.equal(body.scope, "PM.OAuthApp PM.ApiAccess OR.Assets OR.Folders.Read");
            assert.equal(typeof body.access_token, "string");
            assert.equal(res.headers.get("cache-control"), "no-store");
        }));

    it("grants only the requested subset of scopes", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(TOKEN, { form: { ...creds, scope: "PM.ApiAccess" } });
            assert.equal(res.status, 200);
            assert.equal((res.body as { scope: string }).scope, "PM.ApiAccess");
        }));

    it("refuses a scope the app does not have with invalid_scope", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(TOKEN, { form: { ...creds, scope: "PM.ApiAccess OR.Jobs" } });
            assert.equal(res.status, 400);
            assert.equal((res.body as { error: string }).error, "invalid_scope");
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

    it("answers unsupported_grant_type for other grants and invalid_request without one", () =>
        withEmulator(async ({ api }) => {
            const password = await api.post(TOKEN, { form: { ...creds, grant_type: "password" } });
            assert.equal(password.status, 400);
            assert.deepEqual(password.body, { error: "unsupported_grant_type" });
            const none = await api.post(TOKEN, { form: { client_id: DEMO.clientId } });
            assert.equal((none.body as { error: string }).error, "invalid_request");
        }));

    it("accepts client_secret_basic authentication", () =>
        withEmulator(async ({ api }) => {
            const basic = Buffer.from(`${DEMO.clientId}:${DEMO.clientSecret}`).toString("base64");
            const res = await api.post(TOKEN, { form: { grant_type: "client_credentials" }, headers: { Authorization: `Basic ${basic}` } });
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
                const body = res.body as Record<string, unknown>;
                assert.equal(body.message, "You are not authenticated!");
                assert.equal(body.errorCode, "Unauthorized");
                assert.match(String(body.traceId), /^[0-9a-f]{32}$/);
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
                tenants: [{ id: (res.body as { tenants: Array<{ id: string }> }).tenants[0]!.id, name: DEMO.tenant, services: ["orchestrator"] }],
            });
        }));

    it("do not work in another organization", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(`/aad-org/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, { token: DEMO.adminPat });
            assert.equal(res.status, 401);
        }));
});
