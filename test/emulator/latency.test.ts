/**
 * The `latencyMs` option (the bench's `--latency-ms`): every API request waits that long in real
 * time, as on a network with that round trip, whatever the emulator clock says; admin routes do not.
 * And `rateLimits: "off"` (the bench's `--rate-limits off`): no limit until one is set again.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startEmulator } from "../../emulator";
import { DEMO, withEmulator } from "./helpers";

const ORG_INFO = `/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`;
const IDENTITY = `/${DEMO.org}/identity_/api/ExternalApiResource`;
/** Well above what an answer takes on a loaded machine without it (over 100 ms seen). */
const LATENCY_MS = 400;

async function timed<T>(send: () => Promise<T>): Promise<{ ms: number; result: T }> {
    const started = performance.now();
    const result = await send();
    return { ms: performance.now() - started, result };
}

describe("latency", () => {
    it("delays every API answer by latencyMs of real time, on a manual clock that never moves", () =>
        withEmulator({ latencyMs: LATENCY_MS }, async ({ api, clock }) => {
            const before = clock.now();
            for (const path of [ORG_INFO, IDENTITY, "/no/such/route"]) {
                const { ms, result } = await timed(() => api.get(path));
                assert.ok(ms >= LATENCY_MS - 5, `${path} answered after ${ms.toFixed(0)} ms`);
                assert.notEqual(result.status, 200, "the answer is the usual one (no token: refused)");
            }
            assert.equal(clock.now(), before, "the delay is the network's, not the service clock's");
        }));

    it("leaves admin routes undelayed and requests concurrent (a delay, not a queue)", () =>
        withEmulator({ latencyMs: LATENCY_MS }, async ({ api }) => {
            await api.get("/__emulator/health"); // the client's first request pays its own start-up
            const admin = await timed(() => api.get("/__emulator/health"));
            assert.ok(admin.ms < LATENCY_MS, `the admin route took ${admin.ms.toFixed(0)} ms`);
            const ten = await timed(() => Promise.all(Array.from({ length: 10 }, () => api.get(ORG_INFO))));
            assert.ok(ten.ms < 5 * LATENCY_MS, `ten concurrent requests took ${ten.ms.toFixed(0)} ms`);
        }));

    it("is 0 by default and refuses a value out of range", async () => {
        await withEmulator(async ({ api }) => {
            const { ms } = await timed(() => api.get(ORG_INFO));
            assert.ok(ms < LATENCY_MS, `answered after ${ms.toFixed(0)} ms`);
        });
        await assert.rejects(startEmulator({ latencyMs: -1 }), /latencyMs must be an integer from 0 to 60000/);
        await assert.rejects(startEmulator({ latencyMs: 1.5 }), /latencyMs/);
    });
});

describe("rate limits off", () => {
    it("lets every request through, past Identity's published 300 GETs, until limits are set again", () =>
        withEmulator({ rateLimits: "off" }, async ({ api }) => {
            assert.equal(((await api.get("/__emulator/rate-limits")).body as { off?: boolean }).off, true);
            const statuses = new Set<number>();
            for (let i = 0; i < 301; i++) statuses.add((await api.get(IDENTITY)).status);
            assert.deepEqual([...statuses], [401], "no 429 past the published limit");
            await api.put("/__emulator/rate-limits", { json: { GET: 1 } });
            assert.equal(((await api.get("/__emulator/rate-limits")).body as { off?: boolean }).off, undefined);
            assert.equal((await api.get(IDENTITY)).status, 401);
            assert.equal((await api.get(IDENTITY)).status, 429, "set again, the limits apply");
        }));
});
