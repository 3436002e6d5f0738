/**
 * A `pulumi up` killed while a rotation is in flight: the service rotated,
 * the state did not record it. After `pulumi cancel` (the file backend keeps
 * the dead run's lock), the next `up` reconciles without rotating again.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { DEMO, withKeysStack, type Fixture } from "./helpers/fixture";

const program = (trigger: string) => `
import { ComputerVisionApiKey } from "pulumi-uipath-keys";
const cv = new ComputerVisionApiKey("cv", { rotationTrigger: ${JSON.stringify(trigger)} });
export const cvKey = cv.apiKey;
`;

const regenerations = (f: Fixture) => f.emulator.audit().filter((e) => e.mutating && e.path.endsWith("/computerVision/regenerate") && e.status === 200).length;

async function until(what: string, condition: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(100);
    }
}

describe("an up killed during a rotation", { timeout: 600_000 }, () => {
    let f: Fixture;
    before(async () => {
        f = await withKeysStack(program("a"));
        await f.stack.up();
    });
    after(() => f?.dispose());

    it("is reconciled by the next up without a second rotation", async () => {
        // Hold the regeneration long enough to kill the CLI while it waits.
        await f.api.request("PUT", "/__emulator/faults", { json: { faults: [{ method: "POST", path: "/computerVision/regenerate$", latencyMs: 5000, count: 1 }] } });
        f.stack.writeProgram(program("b"));
        const run = f.stack.start(["up", "--yes", "--skip-preview"]);
        const exited = new Promise((resolve) => run.on("exit", resolve));
        await until("the regeneration to reach the service", async () => {
            const res = await f.api.request("GET", "/__emulator/faults");
            return (res.body as { faults: unknown[] }).faults.length === 0;
        });
        run.kill("SIGKILL");
        await exited;
        await until("the service to finish the regeneration", () => regenerations(f) === 1);

        const locked = await f.stack.up({ allowFailure: true });
        assert.notEqual(locked.code, 0);
        assert.match(locked.output, /locked/);
        await f.stack.pulumi(["cancel", "--yes"]);

        const { output } = await f.stack.up();
        assert.match(output, /pending operations|interrupted while creating/);
        assert.equal(regenerations(f), 1, "the rotation that already happened is adopted");
        const current = await f.api.request("GET", `/${DEMO.org}/portal_/api/apiAccess/computerVision`, { token: DEMO.adminPat });
        assert.equal((await f.stack.outputs()).cvKey, (current.body as { apiKey: string }).apiKey);

        const again = await f.stack.up();
        assert.doesNotMatch(again.output, /replace/);
        assert.equal(regenerations(f), 1);
    });
});
