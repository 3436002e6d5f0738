/**
 * The program-side duplicate check, under Pulumi's mocks: which inputs the
 * engine would receive. The refusal itself is tested through the real engine
 * in test/duplicateKeys.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { DocumentUnderstandingApiKey, OrchestratorApiAccess } from "../../provider";

/** Runs `program` under mocks (organization from config) and returns each resource's `sameKeyAs` input by name. */
async function sameKeyInputs(count: number, program: () => void): Promise<Record<string, unknown>> {
    const seen: Record<string, unknown> = {};
    process.env.PULUMI_CONFIG = JSON.stringify({ "uipath:organization": "demo-org" });
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                seen[args.name] = args.inputs.sameKeyAs;
                return { id: args.name, state: args.inputs };
            },
            call: () => ({}),
        },
        "project",
        "stack",
        false,
    );
    program();
    // Registrations finish asynchronously: wait until all `count` resources arrived (a bound, not a timing assertion).
    const deadline = Date.now() + 30_000;
    while (Object.keys(seen).length < count) {
        if (Date.now() > deadline)
            throw new Error(`only ${Object.keys(seen).length} of ${count} resources were registered within 30 s`);
        await new Promise((r) => setTimeout(r, 20));
    }
    return seen;
}

describe("one key, one resource (program side)", () => {
    it("names both resources when a tenant is declared twice in different case, and leaves a unique key without the input", async () => {
        const seen = await sameKeyInputs(4, () => {
            new OrchestratorApiAccess("a", { tenant: "DefaultTenant" });
            new OrchestratorApiAccess("b", { tenant: "defaulttenant", service: "ORCHESTRATOR" });
            new OrchestratorApiAccess("other-tenant", { tenant: "Other" });
            new DocumentUnderstandingApiKey("du");
        });
        const message =
            /OrchestratorApiAccess "a" \(organization demo-org, tenant DefaultTenant, service orchestrator\) and OrchestratorApiAccess "b" \(organization demo-org, tenant defaulttenant, service ORCHESTRATOR\) manage the same key/;
        assert.match(String(seen.a), message);
        assert.match(String(seen.b), message);
        assert.equal(seen["other-tenant"], undefined);
        assert.equal(seen.du, undefined);
    });
});
