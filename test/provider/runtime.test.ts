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
    it("serves every kind, one object per kind, and each answers check with failures naming the inputs at fault", async () => {
        const config = { get: (key: string) => ({ "uipath:organization": "org", "uipath:accessToken": "pat" })[key] };
        await configure({ config } as Parameters<typeof configure>[0]);
        for (const kind of resourceKindNames) {
            const p = provider(kind);
            assert.equal(provider(kind), p, `${kind}: the same object on every call`);
            const checked = await p.check({}, { notAnInput: true });
            assert.ok(
                checked.failures?.some((f) => f.property === "notAnInput"),
                `${kind}: an unknown input is refused by name (${JSON.stringify(checked.failures)})`,
            );
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
