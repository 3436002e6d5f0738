/** User-key exchange (POST /oauth/token) and the Orchestrator check route. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO, errorCode, field, withEmulator, type Api } from "./helpers";

const CURRENT_USER = (tenant = DEMO.tenant) =>
    `/${DEMO.org}/${tenant}/orchestrator_/odata/Users/UiPath.Server.Configuration.OData.GetCurrentUser`;

async function whoAmI(api: Api, token: string, tenantHeader: string | null = DEMO.tenant) {
    return api.get(CURRENT_USER(), { token, headers: tenantHeader ? { "X-UIPATH-TenantName": tenantHeader } : {} });
}

describe("user-key exchange", () => {
    it("returns an OAuth token response for the current user key", () =>
        withEmulator(async ({ api }) => {
            const res = await api.exchangeUserKey(await api.userKey());
            assert.equal(res.status, 200);
            const body = res.body as Record<string, unknown>;
            assert.deepEqual(Object.keys(body).sort(), [
                "access_token",
                "expires_in",
                "id_token",
                "scope",
                "token_type",
            ]);
            assert.equal(body.token_type, "Bearer");
            assert.equal(body.expires_in, 86400, "documented: valid for 24 hours");
            assert.equal(body.scope, "openid profile email offline_access");
        }));

    it("uses the configured user-key token TTL", () =>
        withEmulator({ userKeyTokenTtlSeconds: 600 }, async ({ api }) => {
            const res = await api.exchangeUserKey(await api.userKey());
            assert.equal((res.body as { expires_in: number }).expires_in, 600);
        }));

    it("accepts a form-encoded body too", () =>
        withEmulator(async ({ api }) => {
            const key = await api.userKey();
            const res = await api.post("/oauth/token", {
                form: {
                    grant_type: "refresh_token",
                    client_id: "8DEv1AMNXczW3y4U15LL3jYf62jK93n5",
                    refresh_token: key,
                },
            });
            assert.equal(res.status, 200);
        }));

    it("refuses an unknown key with 403 invalid_grant as Auth0 does, without echoing it", () =>
        withEmulator(async ({ api }) => {
            const res = await api.exchangeUserKey("made-up-user-key-123");
            assert.equal(res.status, 403);
            assert.deepEqual(res.body, {
                error: "invalid_grant",
                error_description: "Unknown or invalid refresh token.",
            });
            assert.ok(!JSON.stringify(res.body).includes("made-up-user-key-123"));
        }));

    it("refuses a wrong client id with invalid_client", () =>
        withEmulator(async ({ api }) => {
            const res = await api.exchangeUserKey(await api.userKey(), "some-other-client");
            assert.equal(res.status, 400);
            assert.equal((res.body as { error: string }).error, "invalid_client");
        }));

    it("refuses other grant types", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post("/oauth/token", {
                json: { grant_type: "password", client_id: "x", refresh_token: "y" },
            });
            assert.deepEqual(res.body, { error: "unsupported_grant_type" });
        }));

    it("refuses keys of an organization where UiPath retired user-key access", () =>
        withEmulator(async ({ api, emu }) => {
            const key = emu.store.read().orgs.find((o) => o.name === "retired-org")!.tenants[0]!.services[0]!.userKey!;
            const res = await api.exchangeUserKey(key);
            assert.equal(res.status, 403);
            const body = res.body as { error: string; error_description: string };
            assert.equal(body.error, "invalid_grant");
            assert.match(body.error_description, /retired/);
            assert.match(body.error_description, /external application or a personal access token/);
        }));

    it("refuses keys of an organization that uses a directory integration", () =>
        withEmulator(async ({ api, emu }) => {
            const key = emu.store.read().orgs.find((o) => o.name === "aad-org")!.tenants[0]!.services[0]!.userKey!;
            const res = await api.exchangeUserKey(key);
            assert.equal((res.body as { error: string }).error, "invalid_grant");
            assert.match((res.body as { error_description: string }).error_description, /directory integration/);
        }));
});

describe("Orchestrator check with a user-key token", () => {
    it("answers the current user for a token from the current key", () =>
        withEmulator(async ({ api }) => {
            const token = field((await api.exchangeUserKey(await api.userKey())).body, "access_token");
            const res = await whoAmI(api, token);
            assert.equal(res.status, 200);
            assert.equal((res.body as { TenancyName: string }).TenancyName, DEMO.tenant);
            assert.equal(typeof (res.body as { UserName: unknown }).UserName, "string");
        }));

    it("requires the X-UIPATH-TenantName header to name the tenant", () =>
        withEmulator(async ({ api }) => {
            const token = field((await api.exchangeUserKey(await api.userKey())).body, "access_token");
            assert.equal((await whoAmI(api, token, null)).status, 401);
            assert.equal((await whoAmI(api, token, "OtherTenant")).status, 401);
        }));

    it("refuses PATs and app tokens", () =>
        withEmulator(async ({ api }) => {
            assert.equal((await whoAmI(api, DEMO.adminPat)).status, 401);
            const appToken = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            assert.equal((await whoAmI(api, appToken)).status, 401);
        }));

    it("stops working at once when the key is revoked, and the new key works", () =>
        withEmulator(async ({ api }) => {
            const oldKey = await api.userKey();
            const oldToken = field((await api.exchangeUserKey(oldKey)).body, "access_token");
            const revoked = await api.post(
                `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator/revoke`,
                {
                    token: DEMO.adminPat,
                },
            );
            assert.equal(revoked.status, 200);
            const newKey = field(revoked.body, "userKey");
            assert.notEqual(newKey, oldKey);

            const stale = await whoAmI(api, oldToken);
            assert.equal(stale.status, 401);
            assert.equal(errorCode(stale), "Unauthorized");
            assert.equal((await api.exchangeUserKey(oldKey)).status, 403);

            const fresh = field((await api.exchangeUserKey(newKey)).body, "access_token");
            assert.equal((await whoAmI(api, fresh)).status, 200);
        }));

    it("expires with the token TTL (24 hours) on the emulator clock", () =>
        withEmulator(async ({ api, clock }) => {
            const token = field((await api.exchangeUserKey(await api.userKey())).body, "access_token");
            clock.advance(86_399_000);
            assert.equal((await whoAmI(api, token)).status, 200);
            clock.advance(1_000);
            assert.equal((await whoAmI(api, token)).status, 401);
        }));

    it("is refused on management routes with 403", () =>
        withEmulator(async ({ api }) => {
            const token = field((await api.exchangeUserKey(await api.userKey())).body, "access_token");
            for (const path of [
                `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator`,
                `/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`,
                `/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`,
                `/${DEMO.org}/identity_/api/ExternalClient/${DEMO.pg}`,
            ]) {
                const res = await api.get(path, { token });
                assert.equal(res.status, 403, path);
                assert.equal(
                    errorCode(res),
                    path.includes("identity_") ? "InsufficientScope" : "CredentialNotAccepted",
                    path,
                );
            }
        }));
});
