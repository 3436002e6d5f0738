/**
 * A rotation of many keys under transient faults converges in one `up`: a regeneration
 * answered 429 or 503, or whose connection was reset, is settled by reading the key back
 * (changed: that was the rotation; unchanged: nothing happened, try again). Every key is
 * regenerated exactly once and every dependent ends on the live key.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { DEMO_SEED, type SeedConfig } from "../emulator";
import { DEMO, readStored, withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, callsSince, heldUserKey, userKeyWorks } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const TENANTS = Array.from({ length: 30 }, (_, i) => `Tenant${String(i + 1).padStart(2, "0")}`);

/** The demo seed with 30 more tenants in the demo organization, each with Orchestrator. */
const seed: SeedConfig = {
    organizations: DEMO_SEED.organizations.map((org) =>
        org.name === "demo-org"
            ? {
                  ...org,
                  tenants: [...(org.tenants ?? []), ...TENANTS.map((name) => ({ name, services: ["orchestrator"] }))],
              }
            : org,
    ),
};

const stored = (tenant: string) => `stored-${tenant}`;

/** One API access per tenant of `test:tenants`, rotated by `test:rotationTrigger`, each with a dependent. */
const program = programSource("rotationUnderFaults");

/** One call in five fails: a 429, a 503 or a reset connection, in equal parts (seeded, so a run is reproducible). */
const ONE_IN_FIVE = 1 - Math.cbrt(0.8);
const faults = {
    seed: 20261126,
    faults: [
        { path: "^/demo-org/", status: 429, rate: ONE_IN_FIVE },
        { path: "^/demo-org/", status: 503, rate: ONE_IN_FIVE },
        { path: "^/demo-org/", reset: true, rate: ONE_IN_FIVE },
    ],
};

const REVOKE = /\/tenants\/([^/]+)\/services\/orchestrator\/revoke$/;

it(
    "30 keys rotated in one up under one-in-five injected faults: each regenerated exactly once, every dependent on the live key",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(
            program,
            {
                emulator: { config: seed, rateLimits: { GET: 100_000 } },
                config: { "test:tenants": JSON.stringify(TENANTS), "test:rotationTrigger": "a" },
            },
            async (f) => {
                await step("create adopts the 30 keys", () => f.stack.up());

                await step(
                    "one up with a changed trigger, under faults, rotates every key exactly once and exits 0",
                    async () => {
                        const before = new Map<string, string>();
                        for (const tenant of TENANTS) before.set(tenant, await heldUserKey(f, DEMO.org, tenant));
                        await f.stack.setConfig({ "test:rotationTrigger": "b" });
                        const res = await f.api.request("PUT", "/__emulator/faults", { json: faults });
                        assert.equal(res.status, 200, JSON.stringify(res.body));
                        const mark = auditMark(f);
                        await f.stack.up();
                        await f.api.request("DELETE", "/__emulator/faults");

                        const calls = callsSince(f, mark);
                        const faulted = calls.filter((c) => [0, 429, 503].includes(c.status));
                        assert.ok(faulted.length > 0, "faults were injected");
                        const refusedRevokes = calls.filter((c) => REVOKE.test(c.path) && c.status !== 200);
                        assert.ok(refusedRevokes.length > 0, "some regenerations themselves were faulted");
                        for (const tenant of TENANTS) {
                            const done = calls.filter((c) => c.status === 200 && REVOKE.exec(c.path)?.[1] === tenant);
                            assert.equal(done.length, 1, `${tenant}: regenerated exactly once`);
                            const live = await heldUserKey(f, DEMO.org, tenant);
                            assert.notEqual(live, before.get(tenant), `${tenant}: a new key`);
                            assert.equal(
                                readStored(f.stack, stored(tenant)),
                                live,
                                `${tenant}: the dependent holds the live key`,
                            );
                            assert.equal(
                                await userKeyWorks(f, before.get(tenant) ?? ""),
                                false,
                                `${tenant}: the old key is revoked`,
                            );
                        }
                    },
                );

                await step("a further up changes nothing", async () => {
                    const { output } = await f.stack.up();
                    assert.doesNotMatch(output, /replace/);
                });
            },
        ),
);
