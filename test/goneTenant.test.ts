/**
 * Keys whose tenant or organization disappears outside Pulumi (a tenant deleted, an
 * organization renamed): refresh drops them from the stack saying so in one line, a later
 * `up` adopts them again once their names exist, and destroy succeeds even with
 * `revokeOnDelete`. The emulator's state is changed directly, as an administrator would in the portal.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { DEMO_SEED, type SeedConfig } from "../emulator";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, mutatingCallsSince, regenerations } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

/** The tenant deleted outside Pulumi (test/programs/goneTenant.ts names it too). */
const DOOMED = "Doomed";
const RENAMED = "demo-org-renamed";

/** The demo seed with a second tenant in the demo organization. */
const seed: SeedConfig = {
    organizations: DEMO_SEED.organizations.map((org) =>
        org.name === DEMO.org
            ? { ...org, tenants: [...(org.tenants ?? []), { name: DOOMED, services: ["orchestrator"] }] }
            : org,
    ),
};

/** A key of tenant Doomed and a product key, both revoked on delete. */
const program = programSource("goneTenant");

function deleteTenant(f: Fixture, org: string): void {
    f.emulator.store.update((draft) => {
        const found = draft.orgs.find((o) => o.name === org);
        assert.ok(found);
        found.tenants = found.tenants.filter((t) => t.name !== DOOMED);
    });
}

function restoreTenant(f: Fixture, org: string): void {
    f.emulator.store.update((draft) => {
        const found = draft.orgs.find((o) => o.name === org);
        assert.ok(found);
        found.tenants.push({
            name: DOOMED,
            id: "7b1d0c2e-3f4a-4b5c-8d6e-9f0a1b2c3d4e",
            services: [{ name: "orchestrator", userKey: "restored-tenant-user-key" }],
            orchestrator: { nextId: 1, folders: [], assets: [] },
        });
    });
    f.addSecret("restored-tenant-user-key", "the restored tenant's user key");
}

const keyNames = async (f: Fixture) =>
    (await f.stack.exportState()).resources
        .filter((r) => r.type.includes("uipath:"))
        .map((r) => r.urn.split("::").pop());

it(
    "keys whose tenant or organization is gone: refresh drops them saying so, up adopts them again, destroy succeeds",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withKeysStack(program, { emulator: { config: seed } }, async (f) => {
            await step("create adopts both keys", () => f.stack.up());

            await step("a tenant deleted outside Pulumi: refresh removes its key, saying so in one line", async () => {
                deleteTenant(f, DEMO.org);
                const { output } = await f.stack.refresh();
                assert.match(
                    output,
                    /demo-org\/Doomed\/orchestrator: its organization, tenant or service no longer exists in UiPath \(deleted or renamed outside Pulumi\), so neither does its key: removed from the stack/,
                );
                assert.doesNotMatch(output, /\n\s+at /, "no stack trace");
                assert.deepEqual(await keyNames(f), ["du"]);
            });

            await step(
                "up while the tenant is still gone fails with a clear message; once it exists again, up adopts its key",
                async () => {
                    const failed = await f.stack.up({ allowFailure: true });
                    assert.notEqual(failed.code, 0);
                    assert.match(
                        failed.output,
                        /does not exist in organization 'demo-org' \(404, errorCode 1002\).*UiPath said: Tenant 'Doomed' does not exist/,
                    );
                    assert.doesNotMatch(failed.output, /case-sensitive/, "UiPath compares names ignoring case");
                    restoreTenant(f, DEMO.org);
                    const mark = auditMark(f);
                    await f.stack.up();
                    assert.deepEqual(mutatingCallsSince(f, mark), [], "adopting makes no mutating call");
                    assert.deepEqual((await keyNames(f)).sort(), ["doomed", "du"]);
                },
            );

            await step(
                "an organization renamed: refresh removes every key, saying so; with the new name configured, up adopts them",
                async () => {
                    f.emulator.store.update((draft) => {
                        const org = draft.orgs.find((o) => o.name === DEMO.org);
                        assert.ok(org);
                        org.name = RENAMED;
                    });
                    const { output } = await f.stack.refresh();
                    assert.match(output, /its organization, tenant or service no longer exists in UiPath/);
                    assert.deepEqual(await keyNames(f), []);
                    await f.stack.pulumi(["config", "set", "uipath:organization", RENAMED]);
                    const mark = auditMark(f);
                    await f.stack.up();
                    assert.deepEqual(mutatingCallsSince(f, mark), []);
                    assert.deepEqual((await keyNames(f)).sort(), ["doomed", "du"]);
                },
            );

            await step(
                "destroy with revokeOnDelete succeeds although the tenant is gone again (and revokes the key that still exists)",
                async () => {
                    deleteTenant(f, RENAMED);
                    const before = regenerations(f, "documentUnderstanding");
                    const { output } = await f.stack.destroy();
                    assert.match(output, /deleted/);
                    assert.equal(
                        regenerations(f, "documentUnderstanding"),
                        before + 1,
                        "the Document Understanding key is revoked",
                    );
                },
            );
        }),
);
