/** Per-organization, per-method rate limits on the emulator clock. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO, errorCode, errorResult, withEmulator } from "./helpers";

const CV = (org: string = DEMO.org) => `/${org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`;

describe("rate limits", () => {
    it("default to the published Identity API limits", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get("/__emulator/rate-limits");
            assert.deepEqual(res.body, { windowSeconds: 300, GET: 300, POST: 24000, PUT: 160, PATCH: 160, DELETE: 160 });
        }));

    it("answer 429 TooManyRequests with Retry-After until the window resets", () =>
        withEmulator(async ({ api, clock }) => {
            await api.put("/__emulator/rate-limits", { json: { windowSeconds: 60, GET: 2 } });
            assert.equal((await api.get(CV())).status, 401);
            clock.advance(10_000);
            assert.equal((await api.get(CV())).status, 401);
            const limited = await api.get(CV());
            assert.equal(limited.status, 429);
            assert.equal(limited.headers.get("retry-after"), "50");
            assert.equal(errorCode(limited), "TooManyRequests");
            // No body is published for Identity's 429; the emulator sends Orchestrator's ErrorResult (no code: 0).
            assert.equal(errorResult(limited).errorCode, 0);
            clock.advance(49_500);
            assert.equal((await api.get(CV())).headers.get("retry-after"), "1");
            clock.advance(500);
            assert.equal((await api.get(CV())).status, 401);
        }));

    it("count per organization and per method", () =>
        withEmulator({ rateLimits: { GET: 1, POST: 1 } }, async ({ api }) => {
            assert.equal((await api.get(CV())).status, 401);
            assert.equal((await api.get(CV())).status, 429);
            assert.equal((await api.get(CV("aad-org"))).status, 401);
            const token = await api.post(`/${DEMO.org}/identity_/connect/token`, { form: {} });
            assert.equal(token.status, 400);
            assert.equal(errorCode(await api.post(`/${DEMO.org}/identity_/connect/token`, { form: {} })), "TooManyRequests");
        }));

    it("count the user-key exchange on the account host", () =>
        withEmulator({ rateLimits: { POST: 1 } }, async ({ api }) => {
            assert.equal((await api.exchangeUserKey("nope-nope-nope")).status, 403);
            assert.equal((await api.exchangeUserKey("nope-nope-nope")).status, 429);
        }));

    it("do not apply to admin routes and reset to defaults with DELETE", () =>
        withEmulator({ rateLimits: { GET: 0 } }, async ({ api }) => {
            assert.equal((await api.get(CV())).status, 429);
            for (let i = 0; i < 3; i++) assert.equal((await api.get("/__emulator/health")).status, 200);
            const reset = await api.delete("/__emulator/rate-limits");
            assert.equal((reset.body as { GET: number }).GET, 300);
            assert.equal((await api.get(CV())).status, 401);
        }));

    it("refuse invalid settings", () =>
        withEmulator(async ({ api }) => {
            assert.equal((await api.put("/__emulator/rate-limits", { json: { GET: -1 } })).status, 400);
            assert.equal((await api.put("/__emulator/rate-limits", { json: { windowSeconds: 0 } })).status, 400);
            assert.equal((await api.put("/__emulator/rate-limits", { json: { HEAD: 3 } })).status, 400);
        }));
});
