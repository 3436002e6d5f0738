/**
 * examples/scheduled-rotation: rotate.ts (Automation API) against a stack of
 * the packed package and the packed emulator. The provider's clock is moved
 * with UIPATH_KEYS_NOW, as a day passing would move it.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "../../scripts/toolchain";
import { emulatorBin, startEmulatorProcess, type EmulatorProcess } from "./emulatorProcess";
import { runProcess, type ProcessResult } from "../../scripts/process";
import { emulatorConnection, ExampleStack } from "./exampleStack";
import { packedInstall } from "./packed";

const DAY = 24 * 3600 * 1000;
const tsxLoader = pathToFileURL(path.join(repoRoot, "node_modules", "tsx", "dist", "loader.mjs")).href;

describe("scheduled rotation example", { timeout: 900_000 }, () => {
    let emulator: EmulatorProcess;
    let stack: ExampleStack;
    /** Every key value the stack has held, to prove none is printed. */
    const keysSeen = new Set<string>();

    const rotate = (env: Record<string, string> = {}): Promise<ProcessResult> =>
        runProcess(process.execPath, ["--import", tsxLoader, "rotate.ts", "--stack", stack.stackName], {
            cwd: stack.dir,
            env: { ...stack.env, ...env },
            allowFailure: true,
        });
    const rememberKeys = async (): Promise<Record<string, unknown>> => {
        const revealed = await stack.outputs(true);
        // Fingerprints are printed on purpose; the keys themselves are what must never be.
        const keys = await stack.pulumi(["stack", "export", "--show-secrets"]);
        for (const match of keys.stdout.matchAll(/"(?:userKey|apiKey)":\s*"([^"]+)"/g)) keysSeen.add(match[1]!);
        return revealed;
    };
    const assertNoKeyIn = (output: string): void => {
        for (const key of keysSeen) assert.ok(!output.includes(key), "a key value was printed");
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

    it("reports that nothing is due and changes nothing", async () => {
        const before = await stack.outputs();
        const result = await rotate();
        assert.equal(result.code, 0, result.output);
        assert.match(result.stdout, /no key is due/);
        assert.deepEqual(await stack.outputs(), before);
    });

    it("rotates the keys whose rotateAfter has passed, says why, and prints fingerprints only", async (t) => {
        const before = await stack.outputs();
        const result = await rotate({ UIPATH_KEYS_NOW: new Date(Date.now() + 31 * DAY).toISOString() });
        assert.equal(result.code, 0, result.output);
        t.diagnostic(result.stdout);
        await rememberKeys();
        const now = await stack.outputs();
        for (const [name, type, output] of [
            ["orchestrator", "OrchestratorApiAccess", "userKeyFingerprint"],
            ["document-understanding", "DocumentUnderstandingApiKey", "duKeyFingerprint"],
        ] as const) {
            assert.match(
                result.stdout,
                new RegExp(`due: ${name} \\(${type}\\): rotateAfter 30d elapsed \\(due \\d{4}-`),
            );
            assert.notEqual(now[output], before[output], `${name} did not rotate`);
            assert.ok(
                result.stdout.includes(`rotated: ${name} (${type}) ${before[output]} -> ${now[output]}`),
                result.stdout,
            );
        }
        assert.match(result.stdout, /update succeeded/);
        assertNoKeyIn(result.output);
    });

    it("exits 1 when the update cannot run, without printing credentials", async (t) => {
        const result = await rotate({
            UIPATH_KEYS_NOW: new Date(Date.now() + 62 * DAY).toISOString(),
            UIPATH_CLIENT_SECRET: "not-the-secret",
        });
        assert.equal(result.code, 1, result.output);
        t.diagnostic(result.output.split("\n").slice(0, 12).join("\n"));
        assert.match(result.output, /\[rotate\] failed:/);
        assert.ok(!result.output.includes("not-the-secret"), "the client secret was printed");
        assertNoKeyIn(result.output);
    });
});
