/**
 * The Go SDK of the provider plugin, generated from `schema.json` by the CLI's Go code
 * generator (scripts/toolchain/gosdkgen), and Go programs built against it. Both are cached
 * under `.toolchain/` (git-ignored) and rebuilt only when what they are made from changes:
 * the SDK when schema.json or the generator changes, a program when its files or the SDK do.
 *
 * The Go language host built here (sdk/v3 v3.62.0) compiles the program at every run with a plain
 * `go build -o <temp file>` in the program's folder: it takes `runtime.options.binary` only as a
 * command-line flag, which CLI v3.274.1 no longer passes (it sends runtime options in the run
 * request). Building the program here once, in the same folder with the same flags, fills the
 * Go build cache, so the host's build at each `up` is a cache hit and a link, not a cold build.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { runProcess, withDirLock } from "./process";
import { ensureGoSdkGenerator, repoRoot } from "./toolchain";

const cacheDir = path.join(repoRoot, ".toolchain");
/** Where test/programs-go/go.mod's `replace` points. */
export const goSdkDir = path.join(cacheDir, "go-sdk");
const programsDir = path.join(cacheDir, "go-programs");
const lockDir = path.join(cacheDir, "go-sdk.lock");
/** What the Go host runs (pulumi-language-go's compileProgram, sdk/v3 v3.62.0), less its output file. */
const hostBuildArgs = ["build", "-o"];

function hashFiles(hash: ReturnType<typeof createHash>, dir: string, files: string[]): void {
    for (const file of files) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
}

function readKey(file: string): string | undefined {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return undefined;
    }
}

/** Generates the Go SDK from schema.json unless the one there is current; returns its key. */
async function ensureSdk(): Promise<string> {
    const generator = await ensureGoSdkGenerator();
    const hash = createHash("sha256").update(generator.key);
    hashFiles(hash, repoRoot, ["schema.json"]);
    const key = hash.digest("hex");
    const keyFile = path.join(goSdkDir, ".build-key");
    if (readKey(keyFile) === key) return key;
    await runProcess(generator.path, [path.join(repoRoot, "schema.json"), goSdkDir], { cwd: repoRoot });
    fs.writeFileSync(keyFile, key);
    return key;
}

/**
 * Builds the Go program in `programDir` (main package files with go.mod and go.sum) against the
 * generated SDK, as the Go host will (no -trimpath: the cache entries must match), unless nothing
 * changed since the last build; returns the binary.
 */
export async function ensureGoProgram(programDir: string): Promise<string> {
    if (spawnSync("go", ["version"]).status !== 0) throw new Error("building a Go program needs Go 1.26+ on PATH");
    return withDirLock(
        lockDir,
        async () => {
            const sdkKey = await ensureSdk();
            const files = fs
                .readdirSync(programDir)
                .filter((f) => f.endsWith(".go") || f === "go.mod" || f === "go.sum")
                .sort();
            const hash = createHash("sha256").update(sdkKey).update(hostBuildArgs.join(" "));
            hashFiles(hash, programDir, files);
            const key = hash.digest("hex");
            const binary = path.join(programsDir, path.basename(programDir));
            if (readKey(`${binary}.build-key`) === key && fs.existsSync(binary)) return binary;
            fs.mkdirSync(programsDir, { recursive: true });
            const started = Date.now();
            process.stderr.write(`[go] building ${path.relative(repoRoot, programDir)} (a cold build takes minutes)\n`);
            await runProcess("go", [...hostBuildArgs, binary], { cwd: programDir });
            process.stderr.write(`[go] built in ${Math.round((Date.now() - started) / 1000)} s\n`);
            fs.writeFileSync(`${binary}.build-key`, key);
            return binary;
        },
        { timeoutMs: 3_600_000 },
    );
}

/** The Go programs the tests run (built by `npm run toolchain`, before the tests start). */
export const testGoPrograms = [path.join(repoRoot, "test", "programs-go")];
