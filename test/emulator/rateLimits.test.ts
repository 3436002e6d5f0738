/** Rate limits where UiPath publishes them (Identity per organization, Orchestrator's Jobs/QueueItems listings per tenant), on the emulator clock. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderFidelityTable } from "../../emulator/fidelityTable";
import { DEMO, errorCode, errorResult, withEmulator, type Api } from "./helpers";

/** An Identity route (401 without a token: the limit is counted before auth). */
const IDENTITY = (org: string = DEMO.org) => `/${org}/identity_/api/ExternalApiResource`;
const JOBS = (tenant: string = DEMO.tenant) => `/${DEMO.org}/${tenant}/orchestrator_/odata/Jobs`;

async function statuses(api: Api, n: number, send: () => Promise<{ status: number }>): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await send()).status);
    return out;
}

describe("rate limits", () => {
    it("default to the published Identity API limits", () =>
        withEmulator(async ({ api }) => {
            const res = await api.get("/__emulator/rate-limits");
            assert.deepEqual(res.body, {
                windowSeconds: 300,
                GET: 300,
                POST: 24000,
                PUT: 160,
                PATCH: 160,
                DELETE: 160,
            });
        }));

    it("answer 429 TooManyRequests with Retry-After until the window resets", () =>
        withEmulator(async ({ api, clock }) => {
            await api.put("/__emulator/rate-limits", { json: { windowSeconds: 60, GET: 2 } });
            assert.equal((await api.get(IDENTITY())).status, 401);
            clock.advance(10_000);
            assert.equal((await api.get(IDENTITY())).status, 401);
            const limited = await api.get(IDENTITY());
            assert.equal(limited.status, 429);
            assert.equal(limited.headers.get("retry-after"), "50");
            assert.equal(errorCode(limited), "TooManyRequests");
            // No body is published for Identity's 429; the emulator sends Orchestrator's ErrorResult (no code: 0).
            assert.equal(errorResult(limited).errorCode, 0);
            clock.advance(49_500);
            assert.equal((await api.get(IDENTITY())).headers.get("retry-after"), "1");
            clock.advance(500);
            assert.equal((await api.get(IDENTITY())).status, 401);
        }));

    it("count Identity's routes per organization and per method, the org-scoped token endpoint included", () =>
        withEmulator({ rateLimits: { GET: 1, POST: 1 } }, async ({ api }) => {
            assert.equal((await api.get(IDENTITY())).status, 401);
            assert.equal((await api.get(IDENTITY())).status, 429);
            assert.equal((await api.get(IDENTITY("aad-org"))).status, 401);
            const token = await api.post(`/${DEMO.org}/identity_/connect/token`, { form: {} });
            assert.equal(token.status, 400);
            assert.equal(
                errorCode(await api.post(`/${DEMO.org}/identity_/connect/token`, { form: {} })),
                "TooManyRequests",
            );
        }));

    it("are not applied where UiPath publishes none: portal_, the account host, the product hosts, Orchestrator assets and folders", () =>
        withEmulator({ rateLimits: { GET: 0, POST: 0 } }, async ({ api }) => {
            assert.equal((await api.get(IDENTITY())).status, 429, "Identity is limited");
            const unlimited: Array<[string, () => Promise<{ status: number }>]> = [
                ["portal_", () => api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`)],
                ["account host", () => api.exchangeUserKey("nope-nope-nope")],
                ["host-level token endpoint", () => api.post("/identity_/connect/token", { form: {} })],
                ["DU host", () => api.post("/metering/validate", { json: { productName: "DU", modelName: "m" } })],
                ["CV server", () => api.get("/api/v1/status")],
                ["Orchestrator assets", () => api.get(`/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata/Assets`)],
                ["Orchestrator folders", () => api.get(`/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata/Folders`)],
            ];
            for (const [what, send] of unlimited) {
                for (const status of await statuses(api, 3, send)) assert.notEqual(status, 429, what);
            }
        }));

    it("limit Orchestrator's Jobs and QueueItems listings to the published 100 per minute per tenant", () =>
        withEmulator(async ({ api, clock }) => {
            // The emulator does not serve Jobs: whatever it answers, it is not a 429 until the limit.
            const first = await statuses(api, 100, () => api.get(`${JOBS()}?$top=20`));
            assert.ok(
                first.every((s) => s !== 429),
                first.join(),
            );
            const limited = await api.get(JOBS());
            assert.equal(limited.status, 429);
            assert.equal(limited.headers.get("retry-after"), "60");
            assert.notEqual(
                (await api.get(`/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata/QueueItems`)).status,
                429,
                "QueueItems counts apart",
            );
            assert.notEqual((await api.get(JOBS("OtherTenant"))).status, 429, "another tenant counts apart");
            assert.notEqual((await api.post(JOBS())).status, 429, "only GET is limited");
            assert.notEqual(
                (await api.get(`/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata/Jobs(1)`)).status,
                429,
                "only the listing",
            );
            // One QueueItems request above, 100 more here: the 101st is refused.
            const queueItems = await statuses(api, 100, () =>
                api.get(`/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata/QueueItems/`),
            );
            assert.notEqual(queueItems.at(-2), 429, "QueueItems has its own 100");
            assert.equal(queueItems.at(-1), 429);
            clock.advance(60_000);
            assert.notEqual((await api.get(JOBS())).status, 429, "a new minute");
        }));

    it("are named in the route table: Identity's routes documented, every other route none", () => {
        const rows = renderFidelityTable().split("\n").slice(2);
        for (const row of rows) {
            const limit = row.split(" | ").at(-1)?.replace(/ \|$/, "");
            if (row.includes("`/{org}/identity_/"))
                assert.equal(limit, "Identity's, per organization per 5 min (documented)", row);
            else if (row.includes("`/identity_/")) assert.match(limit ?? "", /^Identity's, but not counted/, row);
            else assert.equal(limit, "none published", row);
        }
    });

    it("do not apply to admin routes and reset to defaults with DELETE", () =>
        withEmulator({ rateLimits: { GET: 0 } }, async ({ api }) => {
            assert.equal((await api.get(IDENTITY())).status, 429);
            for (let i = 0; i < 3; i++) assert.equal((await api.get("/__emulator/health")).status, 200);
            const reset = await api.delete("/__emulator/rate-limits");
            assert.equal((reset.body as { GET: number }).GET, 300);
            assert.equal((await api.get(IDENTITY())).status, 401);
        }));

    it("refuse invalid settings", () =>
        withEmulator(async ({ api }) => {
            assert.equal((await api.put("/__emulator/rate-limits", { json: { GET: -1 } })).status, 400);
            assert.equal((await api.put("/__emulator/rate-limits", { json: { windowSeconds: 0 } })).status, 400);
            assert.equal((await api.put("/__emulator/rate-limits", { json: { HEAD: 3 } })).status, 400);
        }));
});
