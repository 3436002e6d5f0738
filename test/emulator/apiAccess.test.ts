/** Orchestrator API access (user keys): read, revoke and who may do either. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO_SEED, type SeedConfig } from "../../emulator";
import { DEMO, errorCode, errorResult, field, withEmulator } from "./helpers";

/** The demo seed without its `portalAccepts` opt-in: the emulator's default, user tokens only. */
const USER_TOKENS_ONLY: SeedConfig = {
    organizations: DEMO_SEED.organizations.map(({ portalAccepts: _, ...org }) => org),
};

const access = (org: string = DEMO.org, tenant: string = DEMO.tenant, service = "orchestrator") =>
    `/${org}/portal_/api/apiAccess/tenants/${tenant}/services/${service}`;

describe("reading API access", () => {
    it("returns the user key, account logical name, tenant name and client id", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(access(), { token: DEMO.adminPat });
            assert.equal(res.status, 200);
            const body = res.body as Record<string, string>;
            assert.deepEqual(Object.keys(body).sort(), ["accountLogicalName", "clientId", "tenantName", "userKey"]);
            assert.equal(body.accountLogicalName, DEMO.org);
            assert.equal(body.tenantName, DEMO.tenant);
            assert.equal(body.clientId, "8DEv1AMNXczW3y4U15LL3jYf62jK93n5");
            assert.ok(body.userKey!.length >= 40);
        }));

    it("lets a user assigned to the service read it", () =>
        withEmulator(async ({ api }) => {
            assert.equal((await api.get(access(), { token: DEMO.assignedPat })).status, 200);
        }));

    it("refuses a user who is neither admin nor assigned with 403 NotAssignedToService", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(access(), { token: DEMO.viewerPat });
            assert.equal(res.status, 403);
            assert.equal(errorCode(res), "NotAssignedToService");
        }));

    it("lets an app read it where the org's portalAccepts lists externalApp (the demo seed), whatever its scopes", () =>
        withEmulator(async ({ api }) => {
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret, "PM.OAuthApp");
            assert.equal((await api.get(access(), { token })).status, 200);
        }));

    it("refuses app tokens with 403 where the org accepts user tokens only (the default), naming what it accepts", () =>
        withEmulator({ config: USER_TOKENS_ONLY }, async ({ api }) => {
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            const res = await api.get(access(), { token });
            assert.equal(res.status, 403);
            assert.equal(errorCode(res), "CredentialNotAccepted");
            assert.match(
                errorResult(res).message,
                /does not accept an external application's credentials; use a user's token/,
            );
            assert.equal((await api.get(access(), { token: DEMO.adminPat })).status, 200, "a user still may");
        }));

    it("answers 404 TenantNotFound and ServiceNotFound", () =>
        withEmulator(async ({ api }) => {
            const tenant = await api.get(access(DEMO.org, "NoSuchTenant"), { token: DEMO.adminPat });
            assert.equal(tenant.status, 404);
            assert.equal(errorCode(tenant), "TenantNotFound");
            const service = await api.get(access(DEMO.org, DEMO.tenant, "testmanager"), { token: DEMO.adminPat });
            assert.equal(service.status, 404);
            assert.equal(errorCode(service), "ServiceNotFound");
        }));

    it("matches tenant and org names case-insensitively", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get(access("DEMO-ORG", "defaulttenant"), { token: DEMO.adminPat });
            assert.equal(res.status, 200);
            assert.equal((res.body as { tenantName: string }).tenantName, DEMO.tenant);
        }));
});

describe("organization-level checks come first", () => {
    it("answers 403 DirectoryIntegrationEnabled even to an admin, before tenant lookup", () =>
        withEmulator(async ({ api }) => {
            for (const tenant of [DEMO.tenant, "NoSuchTenant"]) {
                const res = await api.get(access("aad-org", tenant), { token: DEMO.aadAdminPat });
                assert.equal(res.status, 403);
                assert.equal(errorCode(res), "DirectoryIntegrationEnabled");
                assert.match((res.body as { message: string }).message, /directory integration.*external application/);
            }
        }));

    it("answers 410 UserKeyAccessRetired where UiPath retired user keys", () =>
        withEmulator(async ({ api }) => {
            for (const method of ["GET", "POST"] as const) {
                const path = method === "GET" ? access("retired-org") : `${access("retired-org")}/revoke`;
                const res = await api.request(method, path, { token: DEMO.retiredAdminPat });
                assert.equal(res.status, 410);
                assert.equal(errorCode(res), "UserKeyAccessRetired");
                assert.match(
                    (res.body as { message: string }).message,
                    /external application or a personal access token/,
                );
            }
        }));

    it("follows flag changes made through the admin route", () =>
        withEmulator(async ({ api }) => {
            const flags = await api.put(`/__emulator/orgs/${DEMO.org}/flags`, { json: { userKeyAccess: false } });
            assert.deepEqual(flags.body, { name: DEMO.org, directoryIntegration: false, userKeyAccess: false });
            assert.equal((await api.get(access(), { token: DEMO.adminPat })).status, 410);
            await api.put(`/__emulator/orgs/${DEMO.org}/flags`, {
                json: { userKeyAccess: true, directoryIntegration: true },
            });
            assert.equal(errorCode(await api.get(access(), { token: DEMO.adminPat })), "DirectoryIntegrationEnabled");
        }));

    it("answers 404 for an unknown organization on the admin flags route", () =>
        withEmulator(async ({ api }) => {
            const res = await api.put(`/__emulator/orgs/nope/flags`, { json: { userKeyAccess: false } });
            assert.equal(res.status, 404);
            assert.equal(errorCode(res), "OrganizationNotFound");
        }));
});

describe("revoking API access", () => {
    it("returns a new key and invalidates every earlier one", () =>
        withEmulator(async ({ api }) => {
            const first = await api.userKey();
            const revoke = `${access()}/revoke`;
            const second = field((await api.post(revoke, { token: DEMO.adminPat })).body, "userKey");
            const third = field((await api.post(revoke, { token: DEMO.adminPat, json: {} })).body, "userKey");
            assert.equal(new Set([first, second, third]).size, 3);
            assert.equal(await api.userKey(), third);
            for (const old of [first, second]) assert.equal((await api.exchangeUserKey(old)).status, 403);
            assert.equal((await api.exchangeUserKey(third)).status, 200);
        }));

    it("returns the same shape as reading", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post(`${access()}/revoke`, { token: DEMO.adminPat });
            assert.deepEqual(Object.keys(res.body as object).sort(), [
                "accountLogicalName",
                "clientId",
                "tenantName",
                "userKey",
            ]);
        }));

    it("is allowed to an assigned user and, where the org accepts them, to an app", () =>
        withEmulator(async ({ api }) => {
            assert.equal((await api.post(`${access()}/revoke`, { token: DEMO.assignedPat })).status, 200);
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            assert.equal((await api.post(`${access()}/revoke`, { token })).status, 200);
        }));

    it("refuses an app where the org accepts user tokens only, and keeps the key", () =>
        withEmulator({ config: USER_TOKENS_ONLY }, async ({ api }) => {
            const before = await api.userKey();
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            const res = await api.post(`${access()}/revoke`, { token });
            assert.equal(res.status, 403);
            assert.equal(errorCode(res), "CredentialNotAccepted");
            assert.equal(await api.userKey(), before);
        }));

    it("refuses a plain user with NotAssignedToService and keeps the key", () =>
        withEmulator(async ({ api }) => {
            const before = await api.userKey();
            const res = await api.post(`${access()}/revoke`, { token: DEMO.viewerPat });
            assert.equal(errorCode(res), "NotAssignedToService");
            assert.equal(await api.userKey(), before);
        }));
});
