/**
 * Finds or builds the Pulumi toolchain this project runs on, and the offline
 * environment it runs with.
 *
 * Order: `PULUMI_CLI` (a path to a `pulumi` binary), else `pulumi` on PATH,
 * else a cached build under `.toolchain/`, else a build from Go modules.
 * The result is one bin folder holding `pulumi`, `pulumi-language-nodejs` and
 * `pulumi-resource-pulumi-nodejs`.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { withDirLock } from "./process";

export const repoRoot = path.resolve(__dirname, "..");
const toolchainSrc = path.join(repoRoot, "scripts", "toolchain");
const cacheDir = path.join(repoRoot, ".toolchain");
const cachedBin = path.join(cacheDir, "bin");

/** Versions built when no `pulumi` is installed (see scripts/toolchain/README.md). */
export const builtVersions = {
    cli: "v3.274.1",
    languageHost: "v3.68.0",
} as const;

export interface Toolchain {
    /** Folder holding `pulumi`, the Node.js language host and the dynamic-provider plugin. */
    binDir: string;
    /** Where it came from. */
    source: "PULUMI_CLI" | "PATH" | "cache" | "built";
}

const log = (msg: string): void => {
    process.stderr.write(`[toolchain] ${msg}\n`);
};

function findOnPath(name: string): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        if (!dir || path.resolve(dir) === cachedBin) continue;
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            return candidate;
        } catch {
            // not here
        }
    }
    return undefined;
}

/** A key for the cached build: changes when the pinned modules, the plugin script or Go change. */
function buildKey(): string {
    const hash = createHash("sha256");
    for (const rel of [
        "cli/go.mod",
        "cli/go.sum",
        "langhost/go.mod",
        "langhost/go.sum",
        "pulumi-resource-pulumi-nodejs",
    ]) {
        hash.update(rel).update(fs.readFileSync(path.join(toolchainSrc, rel)));
    }
    const goVersion = spawnSync("go", ["version"], { encoding: "utf8" });
    hash.update(goVersion.stdout ?? "");
    return hash.digest("hex");
}

function cacheIsWarm(key: string): boolean {
    try {
        return fs.readFileSync(path.join(cachedBin, ".build-key"), "utf8") === key;
    } catch {
        return false;
    }
}

function run(cmd: string, args: string[], cwd: string, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
        const started = Date.now();
        const child = spawn(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
        // A cold build takes minutes: say that it is still going.
        const ticker = setInterval(() => {
            log(`${what}: still building (${Math.round((Date.now() - started) / 1000)} s)`);
        }, 30_000);
        child.on("error", (err) => {
            clearInterval(ticker);
            reject(err);
        });
        child.on("exit", (code) => {
            clearInterval(ticker);
            if (code === 0) {
                log(`${what}: done in ${Math.round((Date.now() - started) / 1000)} s`);
                resolve();
            } else {
                reject(new Error(`${what}: '${cmd} ${args.join(" ")}' exited with ${code}`));
            }
        });
    });
}

async function build(key: string): Promise<void> {
    if (spawnSync("go", ["version"]).status !== 0) {
        throw new Error(
            "no 'pulumi' found and no Go toolchain to build it: install pulumi, or Go 1.26+, or set PULUMI_CLI",
        );
    }
    const staging = path.join(cacheDir, `bin.staging-${process.pid}`);
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    log(
        `building pulumi ${builtVersions.cli} and its Node.js language host from Go modules (first run only; a cold build takes several minutes)`,
    );
    const versionFlag = "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=";
    await run(
        "go",
        [
            "build",
            "-trimpath",
            "-o",
            path.join(staging, "pulumi"),
            "-ldflags",
            versionFlag + builtVersions.cli,
            "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
        ],
        path.join(toolchainSrc, "cli"),
        "pulumi CLI",
    );
    await run(
        "go",
        [
            "build",
            "-trimpath",
            "-o",
            path.join(staging, "pulumi-language-nodejs"),
            "-ldflags",
            versionFlag + builtVersions.languageHost,
            "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
        ],
        path.join(toolchainSrc, "langhost"),
        "Node.js language host",
    );
    fs.copyFileSync(
        path.join(toolchainSrc, "pulumi-resource-pulumi-nodejs"),
        path.join(staging, "pulumi-resource-pulumi-nodejs"),
    );
    fs.chmodSync(path.join(staging, "pulumi-resource-pulumi-nodejs"), 0o755);
    fs.writeFileSync(path.join(staging, ".build-key"), key);
    fs.rmSync(cachedBin, { recursive: true, force: true });
    fs.renameSync(staging, cachedBin);
}

/** Finds the toolchain, building it from Go modules when nothing else is there. */
export async function ensureToolchain(): Promise<Toolchain> {
    const explicit = process.env.PULUMI_CLI;
    if (explicit) {
        if (!fs.existsSync(explicit)) throw new Error(`PULUMI_CLI points to '${explicit}', which does not exist`);
        return { binDir: path.dirname(path.resolve(explicit)), source: "PULUMI_CLI" };
    }
    const onPath = findOnPath("pulumi");
    if (onPath) return { binDir: path.dirname(onPath), source: "PATH" };

    const key = buildKey();
    if (cacheIsWarm(key)) return { binDir: cachedBin, source: "cache" };
    // A cold build takes minutes on two cores: other processes wait for it.
    return withDirLock(
        path.join(cacheDir, "build.lock"),
        async () => {
            // Another process may have built it while we waited for the lock.
            if (cacheIsWarm(key)) return { binDir: cachedBin, source: "cache" };
            await build(key);
            return { binDir: cachedBin, source: "built" };
        },
        { timeoutMs: 3_600_000 },
    );
}

/** A local passphrase for the file backend's secrets; users and CI may set their own. */
export const defaultPassphrase = "pulumi-uipath-keys-local";

/**
 * The environment the CLI runs with: local file backend, passphrase secrets,
 * no update check and no plugin downloads. Values the user already set win.
 */
export function offlineEnv(toolchain: Toolchain, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    const setDefault = (name: string, value: string): void => {
        if (env[name] === undefined) env[name] = value;
    };
    setDefault("PULUMI_HOME", path.join(cacheDir, "pulumi-home"));
    setDefault("PULUMI_BACKEND_URL", `file://${path.join(repoRoot, ".pulumi-state")}`);
    if (env.PULUMI_CONFIG_PASSPHRASE_FILE === undefined) setDefault("PULUMI_CONFIG_PASSPHRASE", defaultPassphrase);
    env.PULUMI_SKIP_UPDATE_CHECK = "true";
    env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION = "true";
    env.PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK = "true";
    env.PATH = `${toolchain.binDir}${path.delimiter}${env.PATH ?? ""}`;
    Object.assign(env, overrides);
    if (env.PULUMI_BACKEND_URL?.startsWith("file://")) {
        fs.mkdirSync(env.PULUMI_BACKEND_URL.slice("file://".length), { recursive: true });
    }
    return env;
}
