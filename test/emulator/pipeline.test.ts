/** The pipeline's behaviour: one answer and one audit entry per request, a route table without duplicates. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Route } from "../../emulator/context";
import { RouteTable } from "../../emulator/routes";
import { DEMO, withEmulator } from "./helpers";

describe("request pipeline", () => {
    it("answers each request once, in the audit once, whatever its fate: faulted, refused, unknown, wrong method, admin", () =>
        withEmulator(async ({ api, emu }) => {
            await api.put("/__emulator/faults", {
                json: { faults: [{ path: "/portal_/api/filtering/", status: 503, count: 1 }] },
            });
            const before = emu.audit().length;
            const info = `/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`;
            const answers = [
                ["GET", info, (await api.get(info)).status],
                ["GET", info, (await api.get(info, { token: DEMO.adminPat })).status],
                [
                    "POST",
                    `/${DEMO.org}/portal_/api/apiAccess/computerVision/regenerate`,
                    (
                        await api.post(`/${DEMO.org}/portal_/api/apiAccess/computerVision/regenerate`, {
                            token: DEMO.adminPat,
                        })
                    ).status,
                ],
                ["GET", "/nowhere", (await api.get("/nowhere")).status],
                [
                    "DELETE",
                    `/${DEMO.org}/portal_/api/apiAccess/computerVision`,
                    (await api.delete(`/${DEMO.org}/portal_/api/apiAccess/computerVision`)).status,
                ],
            ] as const;
            assert.deepEqual(
                answers.map(([, , status]) => status),
                [503, 200, 200, 404, 405],
                "the fault once, then the route; unknown 404; wrong method 405",
            );
            assert.equal((await api.get("/__emulator/health")).status, 200);
            const audited = emu
                .audit()
                .slice(before)
                .filter((e) => !e.path.startsWith("/__emulator"));
            assert.deepEqual(
                audited.map((e) => `${e.method} ${e.path} ${e.status}`),
                answers.map(([method, path, status]) => `${method} ${path} ${status}`),
                "one audit entry per request, with the status it got",
            );
        }));

    it("refuses a route table where two routes share a method and pattern", () => {
        const route: Route = {
            method: "GET",
            pattern: "/:org/x",
            body: "none",
            auth: "none",
            errorStyle: "portal",
            fidelity: { status: "modeled", sources: [] },
            mutating: false,
            handler: () => ({ status: 200 }),
        };
        assert.throws(
            () =>
                new RouteTable({
                    api: [
                        { name: "first", routes: [route] },
                        { name: "second", routes: [{ ...route, pattern: "/:tenant/X" }] },
                    ],
                }),
            /route GET \/:tenant\/X of group 'second' is already declared by group 'first'/,
        );
        assert.doesNotThrow(() => new RouteTable());
    });
});
