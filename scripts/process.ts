/**
 * The one way scripts, tests and the bench run a child process to its end,
 * hold a folder lock across processes, and give a throwaway Pulumi project
 * this repository's node_modules.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** What a finished process printed. */
export interface ProcessResult {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout and stderr together, in the order they arrived. */
    output: string;
}

export interface RunOptions {
    cwd: string;
    env?: NodeJS.ProcessEnv;
    /** Written to stdin, which is then closed (closed at once when absent). */
    stdin?: string;
    /** Resolve on a non-zero exit too (default: reject with {@link ProcessError}). */
    allowFailure?: boolean;
}

/** A process that exited non-zero; `result` holds what it printed. */
export class ProcessError extends Error {
    override readonly name = "ProcessError";

    constructor(
        readonly command: string,
        readonly args: readonly string[],
        readonly result: ProcessResult,
    ) {
        super(`${path.basename(command)} ${args.join(" ")} exited with ${result.code}\n${result.output}`);
    }
}

/** Runs `command args...` to its end, collecting its output. */
export function runProcess(command: string, args: readonly string[], options: RunOptions): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: ["pipe", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk;
            output += chunk;
        });
        child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk;
            output += chunk;
        });
        child.stdin.on("error", () => {}); // a process that exits without reading its stdin
        child.stdin.end(options.stdin ?? "");
        child.on("error", reject);
        child.on("close", (code, signal) => {
            const result = { code: code ?? (signal ? 128 : 1), stdout, stderr, output };
            if (result.code !== 0 && !options.allowFailure) reject(new ProcessError(command, args, result));
            else resolve(result);
        });
    });
}

/** This repository's root (scripts/ is one level below it). */
const repoRootOf = (): string => path.resolve(__dirname, "..");

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
}

/**
 * Runs `fn` while holding `lockDir` (created with `mkdir`, which is atomic), so
 * processes that share a folder take turns. A lock whose owner process is gone
 * (a crashed run) is taken over.
 */
export async function withDirLock<T>(
    lockDir: string,
    fn: () => Promise<T>,
    options: { timeoutMs?: number } = {},
): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 900_000;
    const started = Date.now();
    fs.mkdirSync(path.dirname(lockDir), { recursive: true });
    for (;;) {
        try {
            fs.mkdirSync(lockDir);
            fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
            break;
        } catch {
            let owner = NaN;
            try {
                owner = Number(fs.readFileSync(path.join(lockDir, "pid"), "utf8"));
            } catch {
                // being created or removed by its owner
            }
            if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
                fs.rmSync(lockDir, { recursive: true, force: true });
                continue;
            }
            if (Date.now() - started > timeoutMs)
                throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${lockDir}`);
            await new Promise((resolve) => setTimeout(resolve, 500));
        }
    }
    try {
        return await fn();
    } finally {
        fs.rmSync(lockDir, { recursive: true, force: true });
    }
}

/**
 * A Pulumi Node.js project in `dir` (Pulumi.yaml, package.json, tsconfig.json) whose
 * `node_modules` is this repository's, with `packageDir` as `pulumi-uipath-keys`.
 * `typescript` (the default) runs `index.ts` through ts-node as a user's project does; without it
 * the project runs `index.js` directly, without ts-node.
 */
export function writeNodeProject(
    dir: string,
    name: string,
    packageDir: string,
    opts: { typescript?: boolean } = {},
): void {
    const typescript = opts.typescript ?? true;
    const runtime = typescript ? "runtime: nodejs\n" : "runtime:\n  name: nodejs\n  options:\n    typescript: false\n";
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\n${runtime}`);
    const main = typescript ? "index.ts" : "index.js";
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, main, private: true }));
    const compilerOptions = {
        strict: true,
        target: "ES2022",
        module: "commonjs",
        moduleResolution: "node",
        esModuleInterop: true,
        skipLibCheck: true,
    };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions }));
    linkDependencies(dir, packageDir);
}

/**
 * Links this repository's node_modules into the project, and `packageDir` as
 * `pulumi-uipath-keys`, so the program and its dynamic providers resolve both
 * as they would in a user's project.
 */
function linkDependencies(projectDir: string, packageDir: string): void {
    const fromRepo = repoRootOf();
    const nodeModules = path.join(projectDir, "node_modules");
    fs.mkdirSync(nodeModules);
    for (const entry of fs.readdirSync(path.join(fromRepo, "node_modules"))) {
        if (entry.startsWith(".") || entry === "pulumi-uipath-keys") continue;
        fs.symlinkSync(path.join(fromRepo, "node_modules", entry), path.join(nodeModules, entry));
    }
    fs.symlinkSync(packageDir, path.join(nodeModules, "pulumi-uipath-keys"));
}
