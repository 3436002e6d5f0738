/**
 * A throwaway Pulumi project for the benchmark, driven through the real CLI
 * with a local file backend, and the one measurement the benchmark makes of a
 * CLI run: wall time, and CPU time of the whole process tree (CLI engine,
 * language host, program, dynamic-provider processes). CPU comes from
 * `/usr/bin/time`, whose user and system times are the rusage of every
 * descendant that was waited for; the engine waits for each plugin it starts,
 * and the emulator runs in this process, so it is not counted.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runProcess, writeNodeProject, type ProcessResult } from "../scripts/process";
import { offlineEnv, repoRoot, type Toolchain } from "../scripts/toolchain";

/** One measured CLI run. */
export interface RunTiming {
    wallMs: number;
    /** User + system CPU of the process tree. */
    cpuMs: number;
    /** Set when the CLI exited non-zero (e.g. throttled past its retries): its first error lines. */
    failed?: string;
}

export class BenchStack {
    private constructor(
        readonly dir: string,
        private readonly pulumiBin: string,
        private readonly env: NodeJS.ProcessEnv,
    ) {}

    /**
     * A project folder with its own file backend and a stack named `bench`;
     * `pulumi-uipath-keys` is `packageDir` (this checkout unless told otherwise).
     */
    static async create(
        toolchain: Toolchain,
        env: Record<string, string>,
        packageDir: string = repoRoot,
    ): Promise<BenchStack> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-bench-"));
        writeNodeProject(dir, "bench", packageDir);
        fs.mkdirSync(path.join(dir, ".state"));
        const stack = new BenchStack(
            dir,
            path.join(toolchain.binDir, "pulumi"),
            offlineEnv(toolchain, {
                PULUMI_BACKEND_URL: `file://${path.join(dir, ".state")}`,
                PULUMI_NODEJS_TRANSPILE_ONLY: "true",
                ...env,
            }),
        );
        await stack.run(["stack", "init", "bench"]);
        return stack;
    }

    /** The same project and stack, with more environment for the CLI and the processes it starts. */
    withEnv(env: Record<string, string>): BenchStack {
        return new BenchStack(this.dir, this.pulumiBin, { ...this.env, ...env });
    }

    writeProgram(source: string): void {
        fs.writeFileSync(path.join(this.dir, "index.ts"), source);
    }

    /** Another file of the project (the calling baseline's provider module). */
    writeFile(name: string, text: string): void {
        fs.writeFileSync(path.join(this.dir, name), text);
    }

    /** `allowFailure`: a non-zero exit resolves with `failed` set instead of rejecting (measured runs). */
    up(allowFailure = false): Promise<RunTiming> {
        return this.run(["up", "--yes", "--skip-preview"], allowFailure);
    }
    preview(allowFailure = false): Promise<RunTiming> {
        return this.run(["preview"], allowFailure);
    }
    refresh(allowFailure = false): Promise<RunTiming> {
        return this.run(["refresh", "--yes", "--skip-preview"], allowFailure);
    }
    destroy(allowFailure = false): Promise<RunTiming> {
        return this.run(["destroy", "--yes", "--skip-preview"], allowFailure);
    }

    /** The deployment's resources as `stack export` prints them (secrets stay ciphertext). */
    async exportResources(): Promise<ExportedResource[]> {
        const { stdout } = await this.exec(["stack", "export"]);
        return (JSON.parse(stdout) as { deployment: { resources?: ExportedResource[] } }).deployment.resources ?? [];
    }

    /** Runs `pulumi <args>` under `/usr/bin/time`; rejects on a non-zero exit unless `allowFailure`. */
    async run(args: string[], allowFailure = false): Promise<RunTiming> {
        const timeFile = path.join(this.dir, ".time");
        const started = process.hrtime.bigint();
        const result = await this.exec(args, ["/usr/bin/time", "-f", "%U %S", "-o", timeFile], allowFailure);
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        // time(1) writes "Command exited with non-zero status N" before the times when the command failed.
        const [user, sys] = fs.readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-2).map(Number);
        const timing: RunTiming = { wallMs, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000 };
        if (result.code !== 0) timing.failed = firstErrors(result.output);
        return timing;
    }

    remove(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private exec(args: string[], prefix: string[] = [], allowFailure = false): Promise<ProcessResult> {
        const stackArg = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", "bench"];
        const command = [...prefix, this.pulumiBin, ...args, ...stackArg, "--non-interactive", "--color", "never"];
        return runProcess(command[0]!, command.slice(1), { cwd: this.dir, env: this.env, allowFailure });
    }
}

/** The first two lines of a failed run's output that say "error", trimmed (for the log and the JSON). */
function firstErrors(output: string): string {
    const lines = output
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => /error/i.test(l));
    return (lines.slice(0, 2).join(" | ") || "exited non-zero").slice(0, 400);
}

/** One resource of an exported deployment (the fields the benchmark reads). */
export interface ExportedResource {
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
}
