/**
 * The runtime entry as stacks already in state call it: their stored
 * `__provider` requires `pulumi-uipath-keys/runtime` and calls
 * `configure(req)` and `provider(kind).check/diff/create/read/update/delete`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { configure, provider } from "../../provider/runtime";
import { resourceKindNames } from "../../provider/shared/kinds";

describe("the runtime entry", () => {
    it("serves every kind with the methods a stored provider calls, one object per kind", () => {
        for (const kind of resourceKindNames) {
            const p = provider(kind);
            for (const method of ["check", "diff", "create", "read", "update", "delete"] as const) assert.equal(typeof p[method], "function", `${kind}.${method}`);
            assert.equal(provider(kind), p);
        }
    });

    it("checks inputs against the stack config it was configured with", async () => {
        const config = { get: (key: string) => ({ "uipath:organization": "org", "uipath:accessToken": "pat" })[key] };
        await configure({ config } as Parameters<typeof configure>[0]);
        const checked = await provider("OrchestratorApiAccess").check({}, { tenant: "DefaultTenant" });
        assert.deepEqual(checked.failures, []);
        const refused = await provider("OrchestratorApiAccess").check({}, { tenant: "" });
        assert.equal(refused.failures?.[0]?.property, "tenant");
        assert.match(refused.failures?.[0]?.reason ?? "", /^expected the tenant's logical name/);
    });
});
