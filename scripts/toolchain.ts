/**
 * Finds or builds the Pulumi toolchain this project runs on, and the offline
 * environment it runs with.
 *
 * Order: `PULUMI_CLI` (a path to a `pulumi` binary), else `pulumi` on PATH,
 * else a cached build under `.toolchain/`, else a build from Go modules.
 * The result is one bin folder holding `pulumi`, the Node.js, YAML and Go
 * language hosts and `pulumi-resource-pulumi-nodejs`. A `pulumi` found on
 * PATH or through `PULUMI_CLI` brings its own hosts (a Pulumi install ships
 * them beside the CLI); a YAML or Go host missing there is built into the
 * cache, which then goes on PATH after the CLI's folder.
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
/** Per binary: the key it was built with (see {@link componentKey}). */
const buildKeysFile = path.join(cachedBin, ".build-keys.json");

/** Versions built when no `pulumi` is installed (see scripts/toolchain/README.md). */
export const builtVersions = {
    cli: "v3.274.1",
    languageHost: "v3.68.0",
    yamlLanguageHost: "v1.25.0",
    goLanguageHost: "v3.62.0",
} as const;

export interface Toolchain {
    /** Folder holding `pulumi`, the Node.js language host and the dynamic-provider plugin. */
    binDir: string;
    /** Folders put on PATH after `binDir`: where hosts missing beside `pulumi` were built. */
    hostDirs: string[];
    /** Where it came from. */
    source: "PULUMI_CLI" | "PATH" | "cache" | "built";
}

/** One binary of the bin folder and how it is made. */
interface Component {
    binary: string;
    /** Files under scripts/toolchain whose content decides the build. */
    sources: string[];
    /** Builds the binary into `dir`. */
    make(dir: string): Promise<void>;
}

const versionFlag = "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=";

function goBuild(dir: string, binary: string, srcDir: string, pkg: string, ldflags: string, what: string) {
    return run(
        "go",
        ["build", "-trimpath", "-o", path.join(dir, binary), "-ldflags", ldflags, pkg],
        path.join(toolchainSrc, srcDir),
        what,
    );
}

const cli: Component = {
    binary: "pulumi",
    sources: ["cli/go.mod", "cli/go.sum"],
    make: (dir) =>
        goBuild(
            dir,
            "pulumi",
            "cli",
            "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
            versionFlag + builtVersions.cli,
            "pulumi CLI",
        ),
};
const nodejsHost: Component = {
    binary: "pulumi-language-nodejs",
    sources: ["langhost/go.mod", "langhost/go.sum"],
    make: (dir) =>
        goBuild(
            dir,
            "pulumi-language-nodejs",
            "langhost",
            "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
            versionFlag + builtVersions.languageHost,
            "Node.js language host",
        ),
};
const dynamicProviderPlugin: Component = {
    binary: "pulumi-resource-pulumi-nodejs",
    sources: ["pulumi-resource-pulumi-nodejs"],
    make: async (dir) => {
        const target = path.join(dir, "pulumi-resource-pulumi-nodejs");
        fs.copyFileSync(path.join(toolchainSrc, "pulumi-resource-pulumi-nodejs"), target);
        fs.chmodSync(target, 0o755);
    },
};
const yamlHost: Component = {
    binary: "pulumi-language-yaml",
    sources: ["yamlhost/go.mod", "yamlhost/go.sum"],
    make: (dir) =>
        goBuild(
            dir,
            "pulumi-language-yaml",
            "yamlhost",
            "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
            // pulumi-yaml keeps its own version variable (pkg/version/version.go).
            `-X github.com/pulumi/pulumi-yaml/pkg/version.Version=${builtVersions.yamlLanguageHost}`,
            "YAML language host",
        ),
};
const goHost: Component = {
    binary: "pulumi-language-go",
    sources: ["gohost/go.mod", "gohost/go.sum"],
    make: (dir) =>
        goBuild(
            dir,
            "pulumi-language-go",
            "gohost",
            "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go",
            versionFlag + builtVersions.goLanguageHost,
            "Go language host",
        ),
};
/** Not a Pulumi binary: writes the Go SDK from schema.json (scripts/goSdk.ts; main.go says why not `gen-sdk`). */
const goSdkGenerator: Component = {
    binary: "pulumi-gen-go-sdk",
    sources: ["gosdkgen/go.mod", "gosdkgen/go.sum", "gosdkgen/main.go"],
    make: (dir) => goBuild(dir, "pulumi-gen-go-sdk", "gosdkgen", ".", "", "Go SDK generator"),
};
const allComponents = [cli, nodejsHost, dynamicProviderPlugin, yamlHost, goHost, goSdkGenerator];
/** Hosts a `pulumi` found on PATH or through PULUMI_CLI may lack (older toolchains built here did). */
const supplementableHosts = [yamlHost, goHost];

const log = (msg: string): void => {
    process.stderr.write(`[toolchain] ${msg}\n`);
};

function findOnPath(name: string): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        if (!dir || path.resolve(dir) === cachedBin) continue;
        const candidate = path.join(dir, name);
        if (isExecutable(candidate)) return candidate;
    }
    return undefined;
}

function isExecutable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

let goVersion: string | undefined;

/** A key for one cached binary: changes when its pinned modules (or script) or Go change. */
function componentKey(component: Component): string {
    goVersion ??= spawnSync("go", ["version"], { encoding: "utf8" }).stdout ?? "";
    const hash = createHash("sha256");
    for (const rel of component.sources) {
        hash.update(rel).update(fs.readFileSync(path.join(toolchainSrc, rel)));
    }
    hash.update(goVersion);
    return hash.digest("hex");
}

function readBuildKeys(): Record<string, string> {
    try {
        return JSON.parse(fs.readFileSync(buildKeysFile, "utf8")) as Record<string, string>;
    } catch {
        return legacyBuildKeys();
    }
}

/**
 * A bin folder built before the binaries had keys of their own holds one `.build-key` over
 * the CLI, the Node.js host and the plugin script together: when it still matches, those three
 * are current, and only the binaries added since need building.
 */
function legacyBuildKeys(): Record<string, string> {
    const legacy = [cli, nodejsHost, dynamicProviderPlugin];
    let stored: string;
    try {
        stored = fs.readFileSync(path.join(cachedBin, ".build-key"), "utf8");
    } catch {
        return {};
    }
    goVersion ??= spawnSync("go", ["version"], { encoding: "utf8" }).stdout ?? "";
    const hash = createHash("sha256");
    for (const rel of legacy.flatMap((c) => c.sources)) {
        hash.update(rel).update(fs.readFileSync(path.join(toolchainSrc, rel)));
    }
    hash.update(goVersion);
    if (hash.digest("hex") !== stored) return {};
    return Object.fromEntries(legacy.map((c) => [c.binary, componentKey(c)]));
}

/** The components whose cached binary is missing or was built from other sources. */
function staleComponents(components: Component[]): Component[] {
    const keys = readBuildKeys();
    return components.filter(
        (c) => keys[c.binary] !== componentKey(c) || !isExecutable(path.join(cachedBin, c.binary)),
    );
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

/**
 * Builds the stale ones of `components` into a staging copy of the bin
 * folder (keeping the binaries that are current), then swaps it in.
 */
async function build(stale: Component[]): Promise<void> {
    if (spawnSync("go", ["version"]).status !== 0) {
        throw new Error(
            `no Go toolchain to build ${stale.map((c) => c.binary).join(", ")}: install pulumi, or Go 1.26+, or set PULUMI_CLI`,
        );
    }
    const staging = path.join(cacheDir, `bin.staging-${process.pid}`);
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    const keys = readBuildKeys();
    const current = allComponents.filter((c) => !stale.includes(c) && keys[c.binary] === componentKey(c));
    for (const c of current) {
        if (isExecutable(path.join(cachedBin, c.binary))) {
            // A hard link: the CLI is 170 MB, and the old folder is removed below.
            try {
                fs.linkSync(path.join(cachedBin, c.binary), path.join(staging, c.binary));
            } catch {
                fs.copyFileSync(path.join(cachedBin, c.binary), path.join(staging, c.binary));
            }
        } else {
            delete keys[c.binary];
        }
    }
    log(
        `building ${stale.map((c) => c.binary).join(", ")} from Go modules (first run only; a cold build of the CLI takes several minutes)`,
    );
    for (const c of stale) {
        await c.make(staging);
        keys[c.binary] = componentKey(c);
    }
    fs.writeFileSync(path.join(staging, ".build-keys.json"), JSON.stringify(keys, null, 2));
    fs.rmSync(cachedBin, { recursive: true, force: true });
    fs.renameSync(staging, cachedBin);
}

/** Makes the cached binaries of `components` current; true when something was built. */
async function ensureCached(components: Component[]): Promise<boolean> {
    if (staleComponents(components).length === 0) return false;
    // A cold build takes minutes on two cores: other processes wait for it.
    return withDirLock(
        path.join(cacheDir, "build.lock"),
        async () => {
            // Another process may have built it while we waited for the lock.
            const stale = staleComponents(components);
            if (stale.length === 0) return false;
            await build(stale);
            return true;
        },
        { timeoutMs: 3_600_000 },
    );
}

/** The Go SDK generator, built into the cache when needed; returns its path and its build key. */
export async function ensureGoSdkGenerator(): Promise<{ path: string; key: string }> {
    await ensureCached([goSdkGenerator]);
    return { path: path.join(cachedBin, goSdkGenerator.binary), key: componentKey(goSdkGenerator) };
}

/** The YAML and Go hosts beside an installed `pulumi`, or built into the cache when missing there. */
async function hostDirsFor(binDir: string): Promise<string[]> {
    const missing = supplementableHosts.filter((c) => !isExecutable(path.join(binDir, c.binary)));
    if (missing.length === 0) return [];
    await ensureCached(missing);
    return [cachedBin];
}

/** Finds the toolchain, building it from Go modules when nothing else is there. */
export async function ensureToolchain(): Promise<Toolchain> {
    const explicit = process.env.PULUMI_CLI;
    if (explicit) {
        if (!fs.existsSync(explicit)) throw new Error(`PULUMI_CLI points to '${explicit}', which does not exist`);
        const binDir = path.dirname(path.resolve(explicit));
        return { binDir, hostDirs: await hostDirsFor(binDir), source: "PULUMI_CLI" };
    }
    const onPath = findOnPath("pulumi");
    if (onPath) {
        const binDir = path.dirname(onPath);
        return { binDir, hostDirs: await hostDirsFor(binDir), source: "PATH" };
    }
    const built = await ensureCached(allComponents);
    return { binDir: cachedBin, hostDirs: [], source: built ? "built" : "cache" };
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
    env.PATH = [toolchain.binDir, ...toolchain.hostDirs, env.PATH ?? ""].join(path.delimiter);
    Object.assign(env, overrides);
    if (env.PULUMI_BACKEND_URL?.startsWith("file://")) {
        fs.mkdirSync(env.PULUMI_BACKEND_URL.slice("file://".length), { recursive: true });
    }
    return env;
}
