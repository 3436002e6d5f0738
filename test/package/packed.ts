/**
 * This package as a user gets it: `npm pack` of the built tree, installed
 * with `npm install` into a folder outside the repository, next to what a
 * `pulumi new typescript` project has (`@pulumi/pulumi`, `typescript`,
 * `@types/node`) and `@pulumi/random` for its example.
 *
 * Installing takes a while, so one install per tarball content is shared by
 * every test file of a run (and reused by the next run while nothing
 * changes): the folder is named by the tarball's hash and built under a lock.
 * It lives in the system temp folder, not in the repository, so that Node's
 * and tsc's module resolution can never fall back on the repository's own
 * node_modules.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runProcess, withDirLock } from "../../scripts/process";
import { repoRoot } from "../../scripts/toolchain";

const cacheRoot = path.join(os.tmpdir(), "pulumi-uipath-keys-packed");

/** An `npm install` of the tarball in its own folder. */
export interface PackedInstall {
    /** The consumer folder: `package.json` and `node_modules/`. */
    dir: string;
    nodeModules: string;
    /** The `@pulumi/pulumi` version installed there. */
    pulumiVersion: string;
}

/** The version of a package installed in the repository (the lockfile's pin). */
export function repoVersion(name: string): string {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "node_modules", name, "package.json"), "utf8")) as {
        version: string;
    };
    return manifest.version;
}

let tarballPromise: Promise<string> | undefined;

/** Packs the already built `dist/` (the suite builds first) and returns the tarball's path. */
export function packTarball(): Promise<string> {
    tarballPromise ??= (async () => {
        if (!fs.existsSync(path.join(repoRoot, "dist", "index.js")))
            throw new Error("dist/ is missing: run `npm run build` first");
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-uipath-keys-pack-"));
        // --ignore-scripts: prepack would rebuild what the suite has just built.
        const { stdout } = await runProcess("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", out], {
            cwd: repoRoot,
        });
        const [info] = JSON.parse(stdout) as { filename: string }[];
        return path.join(out, info!.filename);
    })();
    return tarballPromise;
}

/**
 * Installs the tarball with the given `@pulumi/pulumi` version (default: the
 * repository's) into a shared folder, once per tarball and version.
 * `--prefer-offline` takes packages from npm's cache when it has them;
 * `--ignore-scripts` because nothing installed needs one (protobufjs's
 * postinstall only prints a notice).
 */
export async function packedInstall(options: { pulumiVersion?: string } = {}): Promise<PackedInstall> {
    const tarball = await packTarball();
    const pulumiVersion = options.pulumiVersion ?? repoVersion("@pulumi/pulumi");
    // @pulumi/policy as a policy pack's user adds it (an optional peer: test/provider/policies.test.ts proves the entry never loads it).
    const extras = options.pulumiVersion
        ? {}
        : { "@pulumi/random": repoVersion("@pulumi/random"), "@pulumi/policy": repoVersion("@pulumi/policy") };
    // typescript as `pulumi new` adds it: without it Pulumi falls back on its bundled TypeScript 3, which rejects `nodenext`.
    const dependencies = {
        "@pulumi/pulumi": pulumiVersion,
        "@types/node": repoVersion("@types/node"),
        typescript: repoVersion("typescript"),
        ...extras,
    };
    const hash = createHash("sha256")
        .update(fs.readFileSync(tarball))
        .update(JSON.stringify(dependencies))
        .digest("hex")
        .slice(0, 16);
    const dir = path.join(cacheRoot, hash);
    const ready = path.join(dir, ".ready");
    const result = { dir, nodeModules: path.join(dir, "node_modules"), pulumiVersion };
    if (markUsed(ready)) return result;
    fs.mkdirSync(cacheRoot, { recursive: true });
    return withDirLock(`${dir}.lock`, async () => {
        if (markUsed(ready)) return result;
        pruneUnused();
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir);
        // The tarball is copied in: the install must not depend on a temp file that goes away.
        fs.copyFileSync(tarball, path.join(dir, "pulumi-uipath-keys.tgz"));
        const manifest = {
            name: "consumer",
            private: true,
            dependencies: { "pulumi-uipath-keys": "file:./pulumi-uipath-keys.tgz", ...dependencies },
        };
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
        await runProcess(
            "npm",
            ["install", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel", "error"],
            { cwd: dir },
        );
        fs.writeFileSync(ready, new Date().toISOString());
        return result;
    });
}

/** True when the install is complete; touches it, so that pruning sees it in use. */
function markUsed(ready: string): boolean {
    if (!fs.existsSync(ready)) return false;
    const now = new Date();
    fs.utimesSync(ready, now, now);
    return true;
}

/** Each change of the package makes a new install (~150 MB): drop those no run has used for a day. */
function pruneUnused(): void {
    for (const entry of fs.readdirSync(cacheRoot)) {
        const ready = path.join(cacheRoot, entry, ".ready");
        const used = fs.statSync(ready, { throwIfNoEntry: false })?.mtimeMs;
        if (used !== undefined && Date.now() - used > 24 * 3600_000)
            fs.rmSync(path.join(cacheRoot, entry), { recursive: true, force: true });
    }
}

/** A fresh folder for a consumer project whose `node_modules` is the shared install. */
export function consumerProject(install: PackedInstall, prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
    fs.symlinkSync(install.nodeModules, path.join(dir, "node_modules"), "dir");
    return dir;
}
