/** Document Understanding and Computer Vision API keys. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO, errorCode, field, withEmulator } from "./helpers";

const products = [
    { name: "Document Understanding", segment: "documentUnderstanding", check: `/${DEMO.org}/du_/api/framework/projects`, ok: { projects: [] } },
    { name: "Computer Vision", segment: "computerVision", check: `/${DEMO.org}/cv_/api/v1/status`, ok: { status: "ok" } },
];

for (const product of products) {
    const base = `/${DEMO.org}/portal_/api/apiAccess/${product.segment}`;

    describe(`${product.name} API key`, () => {
        it("is readable by an org admin and works in X-UIPATH-License", () =>
            withEmulator(async ({ api }) => {
                const res = await api.get(base, { token: DEMO.adminPat });
                assert.equal(res.status, 200);
                assert.deepEqual(Object.keys(res.body as object), ["apiKey"]);
                const use = await api.get(product.check, { headers: { "X-UIPATH-License": field(res.body, "apiKey") } });
                assert.equal(use.status, 200);
                assert.deepEqual(use.body, product.ok);
            }));

        it("is refused without the header or with a wrong key (401)", () =>
            withEmulator(async ({ api }) => {
                assert.equal((await api.get(product.check)).status, 401);
                const wrong = await api.get(product.check, { headers: { "X-UIPATH-License": "wrong-key-value" } });
                assert.equal(wrong.status, 401);
                assert.equal(errorCode(wrong), "Unauthorized");
            }));

        it("regenerating makes the old key fail at once and the new one work", () =>
            withEmulator(async ({ api }) => {
                const oldKey = field((await api.get(base, { token: DEMO.adminPat })).body, "apiKey");
                const regen = await api.post(`${base}/regenerate`, { token: DEMO.adminPat });
                assert.equal(regen.status, 200);
                const newKey = field(regen.body, "apiKey");
                assert.notEqual(newKey, oldKey);
                assert.equal((await api.get(product.check, { headers: { "X-UIPATH-License": oldKey } })).status, 401);
                assert.equal((await api.get(product.check, { headers: { "X-UIPATH-License": newKey } })).status, 200);
                assert.equal(field((await api.get(base, { token: DEMO.adminPat })).body, "apiKey"), newKey);
            }));

        it("refuses users who are not org admins, even if assigned to a service", () =>
            withEmulator(async ({ api }) => {
                for (const token of [DEMO.assignedPat, DEMO.viewerPat]) {
                    const res = await api.get(base, { token });
                    assert.equal(res.status, 403);
                    assert.equal(errorCode(res), "NotOrganizationAdministrator");
                }
            }));

        it("needs PM.ApiAccess.Write (or PM.ApiAccess) for an app to regenerate", () =>
            withEmulator(async ({ api }) => {
                const writer = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret, "PM.ApiAccess");
                assert.equal((await api.post(`${base}/regenerate`, { token: writer })).status, 200);
                const other = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret, "PM.OAuthApp");
                const res = await api.post(`${base}/regenerate`, { token: other, json: {} });
                assert.equal(errorCode(res), "InsufficientScope");
                assert.equal(errorCode(await api.get(base, { token: other })), "InsufficientScope");
            }));

        it("is unavailable in a directory-integration org (403) but not retired with user keys", () =>
            withEmulator(async ({ api }) => {
                const aad = await api.get(`/aad-org/portal_/api/apiAccess/${product.segment}`, { token: DEMO.aadAdminPat });
                assert.equal(aad.status, 403);
                assert.equal(errorCode(aad), "DirectoryIntegrationEnabled");
                const retired = await api.get(`/retired-org/portal_/api/apiAccess/${product.segment}`, { token: DEMO.retiredAdminPat });
                assert.equal(retired.status, 200);
            }));
    });
}

describe("product keys are per organization", () => {
    it("a key of one org does not work for another", () =>
        withEmulator(async ({ api }) => {
            const key = field((await api.get(`/retired-org/portal_/api/apiAccess/documentUnderstanding`, { token: DEMO.retiredAdminPat })).body, "apiKey");
            assert.equal((await api.get(`/${DEMO.org}/du_/api/framework/projects`, { headers: { "X-UIPATH-License": key } })).status, 401);
        }));
});
