/**
 * The lower end of the `@pulumi/pulumi` range this package declares
 * (`^3.142.0`, as Pulumi's own packages do): a project on that SDK installs
 * the tarball without a second SDK copy, and preview and up work.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "../../scripts/toolchain";
import { emulatorBin, startEmulatorProcess } from "./emulatorProcess";
import { emulatorConnection, ExampleStack } from "./exampleStack";
import { packedInstall } from "./packed";

/** The oldest version the range admits; it still runs on Node 20 (3.249 and later need Node 22). */
const OLDEST = "3.142.0";

describe(`@pulumi/pulumi ${OLDEST}`, { timeout: 900_000 }, () => {
    it("is inside the declared range, is the only SDK copy, and runs preview and up", async () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
            dependencies: Record<string, string>;
        };
        assert.equal(manifest.dependencies["@pulumi/pulumi"], `^${OLDEST}`);

        const install = await packedInstall({ pulumiVersion: OLDEST });
        const installed = (p: string): string =>
            (
                JSON.parse(fs.readFileSync(path.join(install.nodeModules, p, "package.json"), "utf8")) as {
                    version: string;
                }
            ).version;
        assert.equal(installed("@pulumi/pulumi"), OLDEST);
        // A range the project's SDK satisfies means npm dedupes: no nested copy under the package.
        assert.equal(
            fs.existsSync(path.join(install.nodeModules, "pulumi-uipath-keys", "node_modules", "@pulumi", "pulumi")),
            false,
        );

        const emulator = await startEmulatorProcess(emulatorBin(install), ["--port", "0"]);
        const stack = await ExampleStack.create("rotate-with-trigger", install, emulatorConnection(emulator.url));
        try {
            const preview = await stack.pulumi(["preview", "--diff", "--config", "rotation=initial"]);
            assert.match(preview.output, /\+\s+pulumi-nodejs:dynamic\/uipath:OrchestratorApiAccess: \(create\)/);
            await stack.pulumi(["up", "--yes", "--skip-preview"]);
            const outputs = await stack.outputs();
            assert.match(String(outputs.keyFingerprint), /^[0-9a-f]{16}$/);
        } finally {
            await stack.dispose();
            await emulator.stop();
        }
    });
});
