/**
 * The provider plugin as README's "Installing the plugin offline" installs it: the packed
 * package installed with npm into a folder of its own, the executable put at that folder's top,
 * `pulumi plugin install resource uipath-keys <version> --file <folder>` into a fresh
 * `PULUMI_HOME`; then a program that names no plugin path declares a plugin resource by type
 * token and `up` creates it against the packed emulator, the plugin configured by `UIPATH_*`.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { runProcess } from "../../scripts/process";
import { ensureToolchain, offlineEnv, repoRoot } from "../../scripts/toolchain";
import { emulatorBin, startEmulatorProcess, type EmulatorProcess } from "./emulatorProcess";
import { emulatorConnection } from "./exampleStack";
import { consumerProject, packedInstall, type PackedInstall } from "./packed";

const program = `
const pulumi = require("@pulumi/pulumi");
class PluginResource extends pulumi.CustomResource {}
const du = new PluginResource("uipath-keys:index:DocumentUnderstandingApiKey", "du", { keyFingerprint: undefined });
exports.keyFingerprint = du.keyFingerprint;
`;

describe("the provider plugin installed with pulumi plugin install --file", { timeout: 600_000 }, () => {
    let install: PackedInstall;
    let emulator: EmulatorProcess;
    const made: string[] = [];

    before(async () => {
        install = await packedInstall();
        emulator = await startEmulatorProcess(emulatorBin(install), ["--port", "0"]);
    });
    after(async () => {
        await emulator?.stop();
        for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("serves a program that names no plugin path", async () => {
        const toolchain = await ensureToolchain();
        const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
            version: string;
        };
        // The folder README's recipe makes: the package and its dependencies, the executable on top.
        const pluginFolder = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-plugin-"));
        const pulumiHome = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-home-"));
        const project = consumerProject(install, "uipath-plugin-install");
        made.push(pluginFolder, pulumiHome, project);
        fs.cpSync(install.nodeModules, path.join(pluginFolder, "node_modules"), { recursive: true });
        const executable = "pulumi-resource-uipath-keys";
        fs.copyFileSync(
            path.join(pluginFolder, "node_modules", "pulumi-uipath-keys", "bin", executable),
            path.join(pluginFolder, executable),
        );
        fs.chmodSync(path.join(pluginFolder, executable), 0o755);

        const env = offlineEnv(toolchain, {
            PULUMI_HOME: pulumiHome,
            PULUMI_BACKEND_URL: `file://${path.join(project, ".state")}`,
            ...emulatorConnection(emulator.url),
        });
        const pulumi = (args: string[]) =>
            runProcess("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd: project, env });
        await pulumi(["plugin", "install", "resource", "uipath-keys", version, "--file", pluginFolder]);

        fs.writeFileSync(
            path.join(project, "Pulumi.yaml"),
            "name: plugin-install\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
        );
        fs.writeFileSync(
            path.join(project, "package.json"),
            JSON.stringify({ name: "plugin-install", main: "index.js" }),
        );
        fs.writeFileSync(path.join(project, "index.js"), program);
        await pulumi(["stack", "init", "test"]);
        const up = await pulumi(["up", "--yes", "--skip-preview", "--stack", "test"]);
        assert.match(
            up.output,
            /\+ uipath-keys:index:DocumentUnderstandingApiKey du created|uipath-keys:index:DocumentUnderstandingApiKey.*created/,
            up.output,
        );
        const outputs = await pulumi(["stack", "output", "--json", "--stack", "test"]);
        assert.match((JSON.parse(outputs.stdout) as { keyFingerprint: string }).keyFingerprint, /^[0-9a-f]{16}$/);
    });
});
