/**
 * A `pulumi up` killed (SIGKILL) while a secret rotation is in flight: the service generated a
 * secret that the state never recorded. The next `up` settles it by its description tag —
 * deletes it, generates exactly one new secret — and the consumer's secret works throughout.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { DEMO } from "./emulator/helpers";
import { appNow, secretCallsSince, secretWorks } from "./helpers/externalApps";
import { consumerSource, readStored, withKeysStack } from "./helpers/fixture";
import { auditMark, injectFaults, pendingFaults, until } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const program = (trigger: string) => `
import * as pulumi from "@pulumi/pulumi";
import { ExternalApplication, ExternalApplicationSecret, clientCredentials } from "pulumi-uipath-keys";
${consumerSource}
const app = new ExternalApplication("app", { name: "ci", applicationScopes: ["OR.Jobs.Read"], firstSecret: false });
const secret = new ExternalApplicationSecret("secret", { clientId: app.clientId, rotationTrigger: ${JSON.stringify(trigger)} });
new SecretStoreEntry("consumer", { file: "secret.txt", value: secret.secret });
export const clientId = app.clientId;
export const secretId = secret.secretId;
export const secretValue = secret.secret;
`;

/** How long the emulator holds the generation before answering: the window in which the test kills the CLI. */
const HELD_GENERATION_MS = 5000;

it("an up killed after UiPath generated a secret is settled by the next up: the stray secret is deleted, one new secret, no gap", { timeout: SCENARIO_TIMEOUT_MS }, () =>
    withKeysStack(program("a"), async (f) => {
        const first = await step("create", async () => {
            await f.stack.up();
            return (await f.stack.outputs()) as { clientId: string; secretId: number; secretValue: string };
        });

        const stray = await step("an up that rotates is killed while the service holds the generation; the service still generates it", async () => {
            await injectFaults(f, [{ method: "POST", path: "/GenerateSecret$", latencyMs: HELD_GENERATION_MS, count: 1 }]);
            f.stack.writeProgram(program("b"));
            const run = f.stack.start(["up", "--yes", "--skip-preview"]);
            const exited = new Promise((resolve) => run.on("exit", resolve));
            await until("the generation to reach the service", async () => (await pendingFaults(f)).length === 0);
            run.kill("SIGKILL");
            await exited;
            let ids: number[] = [];
            await until("the service to finish generating", async () => {
                ids = ((await appNow(f, first.clientId))?.secrets ?? []).map((s) => s.id);
                return ids.length === 2;
            });
            assert.equal(await secretWorks(f, first.clientId, first.secretValue), true, "the consumer's secret still works");
            return ids.find((id) => id !== first.secretId)!;
        });

        await step("after `pulumi cancel`, the next up deletes the stray secret, generates one, and hands it over", async () => {
            await f.stack.pulumi(["cancel", "--yes"]);
            const mark = auditMark(f);
            const { output } = await f.stack.up();
            assert.match(output, /deleted 1 secret\(s\) an interrupted run generated but never recorded/);
            assert.deepEqual(secretCallsSince(f, mark), [`DELETE /${DEMO.pg}/secrets/${stray} 204`, "POST /GenerateSecret 200"]);
            const now = (await f.stack.outputs()) as { secretId: number; secretValue: string };
            assert.deepEqual(((await appNow(f, first.clientId))?.secrets ?? []).map((s) => s.id), [first.secretId, now.secretId]);
            assert.equal(readStored(f.stack, "secret.txt"), now.secretValue);
            assert.equal(await secretWorks(f, first.clientId, now.secretValue), true);
            assert.equal(await secretWorks(f, first.clientId, first.secretValue), true, "the previous secret still works");
        });

        await step("a further up changes nothing", async () => {
            const mark = auditMark(f);
            await f.stack.up();
            assert.deepEqual(secretCallsSince(f, mark), []);
        });
    }),
);
