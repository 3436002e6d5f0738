/**
 * `npx pulumi-uipath-keys rotate` from the packed tarball, on the scheduled-rotation example's
 * stack against the packed emulator, the way its CI workflow runs it. The provider's clock is
 * moved with UIPATH_KEYS_NOW, as days passing would move it.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import type { RotateReport } from "../../cli/rotate/report";
import { runProcess, type ProcessResult } from "../../scripts/process";
import { emulatorBin, startEmulatorProcess, type EmulatorProcess } from "./emulatorProcess";
import { emulatorConnection, ExampleStack } from "./exampleStack";
import { packedInstall } from "./packed";

const DAY = 24 * 3600 * 1000;

describe("rotate command from the packed tarball", { timeout: 900_000 }, () => {
    let emulator: EmulatorProcess;
    let stack: ExampleStack;
    /** Every key value the stack has held, to prove none is printed or reported. */
    const keysSeen = new Set<string>();

    const rotate = (args: string[], env: Record<string, string> = {}): Promise<ProcessResult> =>
        runProcess("npx", ["--no-install", "pulumi-uipath-keys", "rotate", "--stack", stack.stackName, ...args], {
            cwd: stack.dir,
            env: { ...stack.env, ...env },
            allowFailure: true,
        });
    const rememberKeys = async (): Promise<void> => {
        // Fingerprints are reported on purpose; the keys themselves must never be.
        const keys = await stack.pulumi(["stack", "export", "--show-secrets"]);
        for (const match of keys.stdout.matchAll(/"(?:userKey|apiKey)":\s*"([^"]+)"/g)) keysSeen.add(match[1]!);
    };
    const assertNoKeyIn = (text: string): void => {
        for (const key of keysSeen) assert.ok(!text.includes(key), "a key value was printed or reported");
    };
    const report = (file: string): RotateReport => {
        const text = fs.readFileSync(path.join(stack.dir, file), "utf8");
        assertNoKeyIn(text);
        return JSON.parse(text) as RotateReport;
    };

    before(async () => {
        const install = await packedInstall();
        emulator = await startEmulatorProcess(emulatorBin(install), ["--port", "0"]);
        stack = await ExampleStack.create("scheduled-rotation", install, emulatorConnection(emulator.url));
        await stack.pulumi(["up", "--yes", "--skip-preview"]);
        await rememberKeys();
    });
    after(async () => {
        await stack?.dispose();
        await emulator?.stop();
    });

    it("says nothing is due, changes nothing, and reports when the keys come due", async () => {
        const before = await stack.outputs();
        const result = await rotate(["--report", "none-due.json", "--horizon", "31d"]);
        assert.equal(result.code, 0, result.output);
        assert.match(result.stdout, /test: nothing to rotate/);
        assert.deepEqual(await stack.outputs(), before);
        const { stacks } = report("none-due.json");
        assert.deepEqual(stacks[0]?.rotated, []);
        assert.deepEqual(stacks[0]?.due.map((d) => d.resource).sort(), ["document-understanding", "orchestrator"]);
    });

    it("rotates the keys whose rotateAfter has passed, says why, and reports fingerprints only", async (t) => {
        const before = await stack.outputs();
        const result = await rotate(["--report", "rotated.json"], {
            UIPATH_KEYS_NOW: new Date(Date.now() + 31 * DAY).toISOString(),
        });
        assert.equal(result.code, 0, result.output);
        t.diagnostic(result.stdout);
        await rememberKeys();
        const now = await stack.outputs();
        const rotated = report("rotated.json").stacks[0]!.rotated;
        for (const [name, type, output] of [
            ["orchestrator", "OrchestratorApiAccess", "userKeyFingerprint"],
            ["document-understanding", "DocumentUnderstandingApiKey", "duKeyFingerprint"],
        ] as const) {
            assert.notEqual(now[output], before[output], `${name} did not rotate`);
            const entry = rotated.find((r) => r.resource === name);
            assert.equal(entry?.kind, type);
            assert.equal(entry?.from, before[output]);
            assert.equal(entry?.to, now[output]);
            assert.match(entry?.why ?? "", /^rotateAfter 30d elapsed \(due \d{4}-/);
            assert.ok(result.stdout.includes(`rotated ${name} (${type}) ${before[output]} -> ${now[output]}`));
        }
        assertNoKeyIn(result.output);
    });

    it("exits 1 with the failure in one line when the update cannot run, without printing credentials", async (t) => {
        const result = await rotate(["--report", "failed.json"], {
            UIPATH_KEYS_NOW: new Date(Date.now() + 62 * DAY).toISOString(),
            UIPATH_CLIENT_SECRET: "not-the-secret",
        });
        assert.equal(result.code, 1, result.output);
        t.diagnostic(result.output);
        const failed = report("failed.json");
        assert.equal(failed.ok, false);
        // One line per resource that failed, each naming it, said once.
        assert.deepEqual(failed.stacks[0]?.failures.map((line) => line.split(":")[0]).sort(), [
            "document-understanding",
            "orchestrator",
        ]);
        for (const line of failed.stacks[0]!.failures) assert.match(line, /^[^\n]*invalid_client[^\n]*$/);
        assert.match(result.stdout, /test: failed: /);
        assert.ok(!result.output.includes("not-the-secret"), "the client secret was printed");
        assertNoKeyIn(result.output);
    });
});
