/**
 * `npm run demo [-- <pulumi command>]`: the demo stack against the local
 * emulator, offline. Builds the package, starts the emulator (its state kept
 * in .pulumi-state/emulator so keys survive between runs), selects or creates
 * the `demo` stack in the local file backend, and runs `pulumi up` (or the
 * command given, e.g. `preview`, `refresh`, `destroy`, `config set demo:rotation 2`).
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../emulator";
import { ensureToolchain, offlineEnv, repoRoot } from "./toolchain";

function run(pulumi: string, args: string[], env: NodeJS.ProcessEnv, quiet = false): Promise<number> {
    return new Promise((resolve, reject) => {
        const child = spawn(pulumi, args, { cwd: repoRoot, env, stdio: quiet ? "ignore" : "inherit" });
        child.on("error", reject);
        child.on("exit", (code) => resolve(code ?? 1));
    });
}

/**
 * The stored provider requires this package by name from the provider
 * process, as it would in a user's project; here that name has to point back
 * at this checkout, like `npm link`.
 */
function linkSelf(): void {
    const link = path.join(repoRoot, "node_modules", "pulumi-uipath-keys");
    if (!fs.existsSync(link)) fs.symlinkSync("..", link);
}

/**
 * The emulator's own view of the Orchestrator assets (what robots would read). It says which
 * key an asset holds by comparing values inside this process, so the demo prints no digest of
 * a secret: compare its "last modified" with the stack's `duAssetLastModified`.
 */
function printAssets(emulator: Emulator): void {
    for (const org of emulator.store.read().orgs) {
        const keys: [string, string][] = [
            ["the organization's current Document Understanding API key", org.documentUnderstandingApiKey],
            ["the organization's current Computer Vision API key", org.computerVisionApiKey],
        ];
        for (const tenant of org.tenants) {
            const { folders, assets } = tenant.orchestrator;
            for (const a of assets) {
                const folder = folders.find((f) => f.id === a.folderId)?.fullyQualifiedName;
                const value = {
                    Text: a.stringValue,
                    Secret: a.secretValue,
                    Credential: a.credentialPassword,
                    Integer: String(a.intValue),
                    Bool: String(a.boolValue),
                }[a.valueType];
                const holds = keys.find(([, key]) => key === value)?.[0] ?? "no key of this organization";
                const modified = new Date(a.lastModificationTime ?? a.creationTime).toISOString();
                process.stderr.write(
                    `[demo] emulator holds ${org.name}/${tenant.name} asset ${folder}/${a.name} (${a.valueType}, id ${a.id}): ${holds}, last modified ${modified}\n`,
                );
            }
        }
    }
}

async function main(): Promise<number> {
    const build = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: repoRoot, stdio: "inherit" });
    if (build.status !== 0) return build.status ?? 1;
    linkSelf();
    const toolchain = await ensureToolchain();
    const emulator = await startEmulator({ dataDir: path.join(repoRoot, ".pulumi-state", "emulator") });
    process.stderr.write(
        `[demo] UiPath emulator at ${emulator.url} (demo organization 'demo-org', app 'demo-client')\n`,
    );
    try {
        // The base URL changes with the port, so it goes by environment, not stack config.
        // Type checking is `npm run typecheck`s job (examples included); the engine only transpiles.
        // The emulator also serves the Document Understanding and Computer Vision hosts `verify` calls.
        const hosts = { UIPATH_BASE_URL: emulator.url, UIPATH_DU_URL: emulator.url, UIPATH_CV_URL: emulator.url };
        const env = offlineEnv(toolchain, { ...hosts, PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
        const pulumi = path.join(toolchain.binDir, "pulumi");
        // At a terminal pulumi may ask (e.g. to confirm a destroy); elsewhere it must not.
        const stack = ["--stack", "demo", ...(process.stdin.isTTY ? [] : ["--non-interactive"])];
        if ((await run(pulumi, ["stack", "select", "demo", "--create", "--non-interactive"], env, true)) !== 0)
            return 1;
        await run(pulumi, ["config", "set", "uipath:organization", "demo-org", ...stack], env, true);
        await run(pulumi, ["config", "set", "uipath:clientId", "demo-client", ...stack], env, true);
        // The demo app's secret is a published demo value; it is still stored encrypted.
        await run(pulumi, ["config", "set", "--secret", "uipath:clientSecret", "demo-secret", ...stack], env, true);
        const args = process.argv.slice(2);
        const command = args.length > 0 ? args : ["up", "--yes", "--diff"];
        const code = await run(pulumi, [...command, ...stack], env);
        if (code === 0 && command[0] === "up") {
            await run(pulumi, ["stack", "output", ...stack], env);
            printAssets(emulator);
        }
        return code;
    } finally {
        await emulator.close();
    }
}

main().then(
    (code) => process.exit(code),
    (err: unknown) => {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    },
);
