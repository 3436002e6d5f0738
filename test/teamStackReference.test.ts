/**
 * One PostgreSQL state database for a team's stacks: a stack per environment (`keys/dev`,
 * `keys/prod`) owns its tenant's key, and a consumer stack (`app/dev`) reads the dev key through
 * a `StackReference`. The key stays a secret end to end and reaches the consumer again after a
 * rotation, on the consumer's next `up`.
 *
 * In a DIY backend a stack is named `organization/<project>/<stack>` (Pulumi's docs,
 * https://www.pulumi.com/docs/iac/concepts/stacks/#stackreferences), and a referenced stack's
 * secret outputs stay secrets in the consumer (`getOutput` of a secret output is a secret).
 */
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import { DEMO_SEED } from "../emulator/config";
import { DEMO } from "./emulator/helpers";
import { readStored } from "./helpers/fixture";
import { startPostgres, type PostgresServer } from "./helpers/postgres";
import { programSource } from "./helpers/programs";
import { heldUserKey, regenerations } from "./helpers/service";
import { isStoredAsSecret, resourceNamed } from "./helpers/state";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";
import { withTeam } from "./helpers/team";

const PROD_TENANT = "Production";
const STORED = "stored-dev-key";

/** The demo seed with a second tenant in demo-org: one tenant per environment. */
const seed = {
    ...DEMO_SEED,
    organizations: DEMO_SEED.organizations.map((org) =>
        org.name === DEMO.org
            ? { ...org, tenants: [...(org.tenants ?? []), { name: PROD_TENANT, services: ["orchestrator"] }] }
            : org,
    ),
};

let database: PostgresServer;
before(async () => {
    database = await startPostgres();
});
after(() => database?.stop());

it(
    "a consumer stack reads an environment's key through a StackReference, secret end to end, and follows its rotation",
    { timeout: SCENARIO_TIMEOUT_MS },
    () =>
        withTeam(database, { emulator: { config: seed } }, async (team) => {
            const environmentKey = programSource("environmentKey");
            const dev = await team.stack({
                program: environmentKey,
                project: "keys",
                stackName: "dev",
                config: { "test:tenant": DEMO.tenant },
            });
            const prod = await team.stack({
                program: environmentKey,
                project: "keys",
                stackName: "prod",
                config: { "test:tenant": PROD_TENANT },
            });
            const app = await team.stack({
                program: programSource("keyReader"),
                project: "app",
                stackName: "dev",
                config: { "test:keysStack": "organization/keys/dev", "test:file": STORED },
            });

            await step("each environment's stack adopts its tenant's key, in the one database", async () => {
                await dev.up();
                await prod.up();
                const stacks = await dev.pulumi(["stack", "ls", "--all", "--json"]);
                const names = (JSON.parse(stacks.stdout) as { name: string }[]).map((s) => s.name).sort();
                // Listed from the keys project: its own stacks by short name, others fully qualified.
                assert.deepEqual(names, ["dev", "organization/app/dev", "prod"]);
            });

            await step("the consumer's up hands it the dev key (not prod's)", async () => {
                await app.up();
                const devKey = await heldUserKey(team, DEMO.org, DEMO.tenant);
                assert.equal(readStored(app, STORED), devKey);
                assert.notEqual(devKey, await heldUserKey(team, DEMO.org, PROD_TENANT));
            });

            await step("the consumer's state holds the key only as ciphertext", async () => {
                const { resources } = await app.exportState();
                const entry = resourceNamed(resources, "ci-secret");
                assert.ok(isStoredAsSecret(entry.inputs?.value), "the secret store entry's input is ciphertext");
                assert.ok(isStoredAsSecret(entry.outputs?.value), "the secret store entry's output is ciphertext");
                const reference = resourceNamed(resources, "organization/keys/dev");
                const referenced = reference.outputs?.outputs as Record<string, unknown> | undefined;
                assert.ok(isStoredAsSecret(referenced?.userKey), "the reference's copy of the key is ciphertext");
                // The whole transcript (every export and every command's output) is scanned at the end.
            });

            await step("another runner rotates the dev key; the consumer's next up follows it", async () => {
                const devRunner = team.runner(dev);
                await devRunner.pulumi(["up", "--yes", "--skip-preview", "--config", "test:trigger=r1"]);
                assert.equal(regenerations(team, "orchestrator"), 1, "one rotation, of the dev key only");
                const rotated = await heldUserKey(team, DEMO.org, DEMO.tenant);
                assert.notEqual(readStored(app, STORED), rotated, "the consumer holds the old key until its next up");
                const { output } = await app.up();
                assert.match(output, /ci-secret/);
                assert.equal(readStored(app, STORED), rotated);
            });
        }),
);
