/** Document Understanding and Computer Vision API keys: read and regenerated on the portal (modeled), used on their product's host. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AAD_ORG_ID, DEMO_SEED, RETIRED_ORG_ID, type SeedConfig } from "../../emulator";
import { DEMO, errorCode, errorResult, field, withEmulator, type Api, type ApiResponse } from "./helpers";

/** The cheapest documented DU call that takes the key and consumes nothing (metering `validate`). */
const duCheck = (api: Api, key?: string): Promise<ApiResponse> =>
    api.post("/metering/validate", {
        headers: key ? { "X-UIPATH-License": key } : {},
        json: { productName: "DU", modelName: "pulumi-check" },
    });
/** Modeled: UiPath publishes no Computer Vision key check. */
const cvCheck = (api: Api, key?: string): Promise<ApiResponse> =>
    api.get("/api/v1/status", { headers: key ? { "X-UIPATH-License": key } : {} });

const products = [
    { name: "Document Understanding", segment: "documentUnderstanding", check: duCheck },
    { name: "Computer Vision", segment: "computerVision", check: cvCheck },
];

for (const product of products) {
    const base = `/${DEMO.org}/portal_/api/apiAccess/${product.segment}`;

    describe(`${product.name} API key`, () => {
        it("is readable by an org admin and works in X-UIPATH-License on the product's host", () =>
            withEmulator(async ({ api }) => {
                const res = await api.get(base, { token: DEMO.adminPat });
                assert.equal(res.status, 200);
                assert.deepEqual(Object.keys(res.body as object), ["apiKey"]);
                assert.equal((await product.check(api, field(res.body, "apiKey"))).status, 200);
            }));

        it("is refused without the header or with a wrong key (401)", () =>
            withEmulator(async ({ api }) => {
                assert.equal((await product.check(api)).status, 401);
                const wrong = await product.check(api, "wrong-key-value");
                assert.equal(wrong.status, 401);
                assert.equal(errorCode(wrong), "Unauthorized");
                assert.equal(
                    wrong.headers.get("www-authenticate"),
                    null,
                    "no bearer challenge: the key is not a token",
                );
            }));

        it("regenerating makes the old key fail at once and the new one work", () =>
            withEmulator(async ({ api }) => {
                const oldKey = field((await api.get(base, { token: DEMO.adminPat })).body, "apiKey");
                const regen = await api.post(`${base}/regenerate`, { token: DEMO.adminPat });
                assert.equal(regen.status, 200);
                const newKey = field(regen.body, "apiKey");
                assert.notEqual(newKey, oldKey);
                assert.equal((await product.check(api, oldKey)).status, 401);
                assert.equal((await product.check(api, newKey)).status, 200);
                assert.equal(field((await api.get(base, { token: DEMO.adminPat })).body, "apiKey"), newKey);
            }));

        it("refuses users who are not org admins, even if assigned to a service", () =>
            withEmulator(async ({ api }) => {
                for (const token of [DEMO.assignedPat, DEMO.viewerPat]) {
                    const res = await api.get(base, { token });
                    assert.equal(res.status, 403);
                    assert.equal(errorCode(res), "NotOrganizationAdministrator");
                    errorResult(res);
                }
            }));

        it("takes an app token only where the org's portalAccepts lists externalApp; no scope is asked for", () =>
            withEmulator(async ({ api }) => {
                const app = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret, "PM.OAuthApp");
                assert.equal((await api.post(`${base}/regenerate`, { token: app })).status, 200);
            }).then(() =>
                withEmulator(
                    {
                        config: {
                            organizations: DEMO_SEED.organizations.map(({ portalAccepts: _, ...o }) => o),
                        } satisfies SeedConfig,
                    },
                    async ({ api }) => {
                        const app = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
                        const res = await api.post(`${base}/regenerate`, { token: app, json: {} });
                        assert.equal(res.status, 403);
                        assert.equal(errorCode(res), "CredentialNotAccepted");
                    },
                ),
            ));

        it("is available in a directory-integration org and where user keys are retired (nothing documents otherwise)", () =>
            withEmulator(async ({ api }) => {
                assert.equal(
                    (await api.get(`/aad-org/portal_/api/apiAccess/${product.segment}`, { token: DEMO.aadAdminPat }))
                        .status,
                    200,
                );
                assert.equal(
                    (
                        await api.get(`/retired-org/portal_/api/apiAccess/${product.segment}`, {
                            token: DEMO.retiredAdminPat,
                        })
                    ).status,
                    200,
                );
            }));
    });
}

describe("Document Understanding metering validate", () => {
    it("answers ValidationResponse for the key's own account, whichever org it belongs to", () =>
        withEmulator(async ({ api }) => {
            const key = field(
                (
                    await api.get(`/retired-org/portal_/api/apiAccess/documentUnderstanding`, {
                        token: DEMO.retiredAdminPat,
                    })
                ).body,
                "apiKey",
            );
            const res = await duCheck(api, key);
            assert.equal(res.status, 200);
            assert.deepEqual(Object.keys(res.body as object), [
                "accountId",
                "edition",
                "licenseUnitType",
                "hasUnitsAvailable",
                "saveImage",
            ]);
            assert.equal(field(res.body, "accountId"), RETIRED_ORG_ID);
            assert.notEqual(field(res.body, "accountId"), AAD_ORG_ID);
        }));

    it("refuses a bad key with 401 and DU's ErrorResponse body", () =>
        withEmulator(async ({ api }) => {
            const res = await duCheck(api, "wrong-key-value");
            assert.equal(res.status, 401);
            const body = res.body as Record<string, unknown>;
            assert.deepEqual(Object.keys(body), [
                "errorMessage",
                "errorMessageKey",
                "errorMessageParams",
                "isSuccess",
                "hasErrors",
            ]);
            assert.equal(body.isSuccess, false);
            assert.equal(body.hasErrors, true);
        }));

    it("requires productName and modelName, and no other field (ValidationRequest)", () =>
        withEmulator(async ({ api }) => {
            const key = field(
                (await api.get(`/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`, { token: DEMO.adminPat }))
                    .body,
                "apiKey",
            );
            for (const json of [
                {},
                { productName: "DU" },
                { productName: "", modelName: "m" },
                { productName: "DU", modelName: "m", extra: 1 },
            ]) {
                const res = await api.post("/metering/validate", { headers: { "X-UIPATH-License": key }, json });
                assert.equal(res.status, 400, JSON.stringify(json));
                assert.equal((res.body as { hasErrors: boolean }).hasErrors, true);
            }
        }));

    it("accepts text/json and application/*+json bodies as the swagger lists", () =>
        withEmulator(async ({ api }) => {
            const key = field(
                (await api.get(`/${DEMO.org}/portal_/api/apiAccess/documentUnderstanding`, { token: DEMO.adminPat }))
                    .body,
                "apiKey",
            );
            for (const type of ["application/json", "text/json", "application/json-patch+json", "application/*+json"]) {
                const res = await api.post("/metering/validate", {
                    headers: { "X-UIPATH-License": key, "Content-Type": type },
                    raw: JSON.stringify({ productName: "DU", modelName: "m" }),
                });
                assert.equal(res.status, 200, type);
            }
        }));

    it("has a readiness probe that needs no key", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get("/metering/ping");
            assert.equal(res.status, 200);
            assert.deepEqual(Object.keys(res.body as object), [
                "location",
                "serverRegion",
                "clusterId",
                "version",
                "timestamp",
            ]);
        }));
});
