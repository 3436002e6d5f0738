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
import { runProcess, writeNodeProject } from "../scripts/process";
import { offlineEnv, repoRoot, type Toolchain } from "../scripts/toolchain";

/** One measured CLI run. */
export interface RunTiming {
    wallMs: number;
    /** User + system CPU of the process tree. */
    cpuMs: number;
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

    up(): Promise<RunTiming> {
        return this.run(["up", "--yes", "--skip-preview"]);
    }
    preview(): Promise<RunTiming> {
        return this.run(["preview"]);
    }
    refresh(): Promise<RunTiming> {
        return this.run(["refresh", "--yes", "--skip-preview"]);
    }
    destroy(): Promise<RunTiming> {
        return this.run(["destroy", "--yes", "--skip-preview"]);
    }

    /** The deployment's resources as `stack export` prints them (secrets stay ciphertext). */
    async exportResources(): Promise<ExportedResource[]> {
        const { stdout } = await this.exec(["stack", "export"]);
        return (JSON.parse(stdout) as { deployment: { resources?: ExportedResource[] } }).deployment.resources ?? [];
    }

    /** Runs `pulumi <args>` under `/usr/bin/time`; rejects on a non-zero exit. */
    async run(args: string[]): Promise<RunTiming> {
        const timeFile = path.join(this.dir, ".time");
        const started = process.hrtime.bigint();
        await this.exec(args, ["/usr/bin/time", "-f", "%U %S", "-o", timeFile]);
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        const [user, sys] = fs.readFileSync(timeFile, "utf8").trim().split(/\s+/).slice(-2).map(Number);
        return { wallMs, cpuMs: ((user ?? NaN) + (sys ?? NaN)) * 1000 };
    }

    remove(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private exec(args: string[], prefix: string[] = []): Promise<{ stdout: string }> {
        const stackArg = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", "bench"];
        const command = [...prefix, this.pulumiBin, ...args, ...stackArg, "--non-interactive", "--color", "never"];
        return runProcess(command[0]!, command.slice(1), { cwd: this.dir, env: this.env });
    }
}

/** One resource of an exported deployment (the fields the benchmark reads). */
export interface ExportedResource {
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
}
