/** The pipeline's shape: one route lookup per request, a route table without duplicates. */
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { Route } from "../../emulator/context";
import { RouteTable } from "../../emulator/routes";
import { DEMO, withEmulator } from "./helpers";

const lookup = RouteTable.prototype.lookup;
afterEach(() => {
    RouteTable.prototype.lookup = lookup;
});

/** Counts route lookups while `fn` runs. */
async function lookups(fn: () => Promise<void>): Promise<number> {
    let count = 0;
    RouteTable.prototype.lookup = function (this: RouteTable, ...args) {
        count += 1;
        return lookup.apply(this, args);
    };
    await fn();
    return count;
}

describe("request pipeline", () => {
    it("looks each request up in the route table once, including faulted and unknown ones", () =>
        withEmulator(async ({ api }) => {
            await api.put("/__emulator/faults", { json: { faults: [{ path: "/portal_/api/filtering/", status: 503, count: 1 }] } });
            const requests = [
                () => api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`),
                () => api.post(`/${DEMO.org}/portal_/api/apiAccess/computerVision/regenerate`, { token: DEMO.adminPat }),
                () => api.get("/nowhere"),
                () => api.delete(`/${DEMO.org}/portal_/api/apiAccess/computerVision`),
                () => api.get("/__emulator/health"),
            ];
            for (const request of requests) assert.equal(await lookups(async () => void (await request())), 1);
        }));

    it("refuses a route table where two routes share a method and pattern", () => {
        const route: Route = { method: "GET", pattern: "/:org/x", body: "none", auth: "none", errorStyle: "portal",
            fidelity: { status: "modeled", sources: [] }, mutating: false, handler: () => ({ status: 200 }) };
        assert.throws(
            () => new RouteTable({ api: [{ name: "first", routes: [route] }, { name: "second", routes: [{ ...route, pattern: "/:tenant/X" }] }] }),
            /route GET \/:tenant\/X of group 'second' is already declared by group 'first'/,
        );
        assert.doesNotThrow(() => new RouteTable());
    });
});
