/** Fault injection through PUT /__emulator/faults. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEMO, errorCode, withEmulator, type Api } from "./helpers";

const CV = `/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`;

async function setFaults(api: Api, body: unknown): Promise<void> {
    const res = await api.put("/__emulator/faults", { json: body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
}

describe("fault injection", () => {
    it("fails the next N matching requests with the given status and Retry-After, then stops", () =>
        withEmulator(async ({ api }) => {
            await setFaults(api, {
                faults: [{ path: "/portal_/api/filtering/", status: 503, count: 2, retryAfterSeconds: 7 }],
            });
            for (let i = 0; i < 2; i++) {
                const res = await api.get(CV);
                assert.equal(res.status, 503);
                assert.equal(res.headers.get("retry-after"), "7");
                assert.equal(errorCode(res), "InjectedFault");
            }
            assert.equal((await api.get(CV)).status, 401);
            assert.deepEqual(((await api.get("/__emulator/faults")).body as { faults: unknown[] }).faults, []);
        }));

    it("can inject 429 with Retry-After", () =>
        withEmulator(async ({ api }) => {
            await setFaults(api, { faults: [{ path: ".*", status: 429, retryAfterSeconds: 3, count: 1 }] });
            const res = await api.get(CV);
            assert.equal(res.status, 429);
            assert.equal(res.headers.get("retry-after"), "3");
            assert.equal(errorCode(res), "TooManyRequests");
        }));

    it("matches the method when given", () =>
        withEmulator(async ({ api }) => {
            await setFaults(api, { faults: [{ method: "post", path: "/identity_/connect/token$", status: 500 }] });
            assert.equal((await api.get(CV)).status, 401);
            const res = await api.post(`/${DEMO.org}/identity_/connect/token`, { form: {} });
            assert.equal(res.status, 500);
        }));

    it("resets the connection without a response", () =>
        withEmulator(async ({ api, emu }) => {
            await setFaults(api, { faults: [{ path: "/portal_/api/filtering/", reset: true, count: 1 }] });
            await assert.rejects(api.get(CV));
            assert.equal((await api.get(CV)).status, 401);
            assert.deepEqual(
                emu.audit().map((e) => e.status),
                [0, 401],
            );
        }));

    it("delays responses by latencyMs", () =>
        withEmulator(async ({ api }) => {
            await setFaults(api, { faults: [{ path: "/portal_/api/filtering/", latencyMs: 60, count: 1 }] });
            const started = performance.now();
            const res = await api.get(CV);
            assert.ok(performance.now() - started >= 55);
            assert.equal(res.status, 401, "latency alone lets the request through");
        }));

    it("rate 0 never fires and rolls are reproducible by seed", () =>
        withEmulator(async ({ api }) => {
            await setFaults(api, { faults: [{ path: "/portal_/api/filtering/", status: 500, rate: 0 }] });
            for (let i = 0; i < 5; i++) assert.equal((await api.get(CV)).status, 401);
            const run = async (): Promise<number[]> => {
                await setFaults(api, {
                    faults: [{ path: "/portal_/api/filtering/", status: 500, rate: 0.5 }],
                    seed: 42,
                });
                const statuses: number[] = [];
                for (let i = 0; i < 12; i++) statuses.push((await api.get(CV)).status);
                return statuses;
            };
            const first = await run();
            assert.deepEqual(await run(), first);
            assert.ok(first.includes(500) && first.includes(401));
        }));

    it("never applies to admin routes and is cleared by DELETE", () =>
        withEmulator(async ({ api }) => {
            await setFaults(api, { faults: [{ path: ".*", status: 500 }] });
            assert.equal((await api.get("/__emulator/health")).status, 200);
            assert.equal((await api.get(CV)).status, 500);
            assert.equal((await api.delete("/__emulator/faults")).status, 204);
            assert.equal((await api.get(CV)).status, 401);
        }));

    it("refuses an invalid configuration", () =>
        withEmulator(async ({ api }) => {
            for (const body of [
                { faults: [{ path: "(", status: 500 }] },
                { faults: [{ path: "x" }] },
                { faults: [{ path: "x", status: 200 }] },
                {},
            ]) {
                const res = await api.put("/__emulator/faults", { json: body });
                assert.equal(res.status, 400, JSON.stringify(body));
            }
        }));
});
