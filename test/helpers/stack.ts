/**
 * A throwaway Pulumi project and stack in a temporary folder, driven through
 * the real CLI with a local file backend (or a shared backend given by URL, for
 * the team tests). Every integration test uses it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { ProcessError, runProcess, writeNodeProject, type ProcessResult } from "../../scripts/process";
import { programSource } from "./programs";
import { descendants, killSeen, type SeenProcess } from "./processTree";
import { ensureToolchain, offlineEnv, repoRoot, type Toolchain } from "../../scripts/toolchain";

/** What one CLI command printed and how it ended. */
export type CommandResult = ProcessResult;

export interface TestStackOptions {
    /** Source of `index.ts`. */
    program: string;
    /** Project name (defaults to "test"). */
    project?: string;
    /** Plain and secret stack config, set before the first run. */
    config?: Record<string, string | { secret: string }>;
    /** Extra environment for every CLI run (and so for the program and providers). */
    env?: Record<string, string>;
    /** Stack name (defaults to "test"). */
    stackName?: string;
    /**
     * A shared state backend (`postgres://…`) instead of a file backend in the project folder.
     * The stack then also gets its own `PULUMI_HOME` in its folder, as a separate runner has.
     */
    backendUrl?: string;
}

/**
 * What one CLI command showed, kept so that a test's whole transcript can be scanned for
 * secrets at its end. `label` names the command and its position ("#3 pulumi up ...").
 */
export interface TranscriptEntry {
    label: string;
    text: string;
}

function transpile(source: string): string {
    const compilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true };
    return ts.transpileModule(source, { compilerOptions, reportDiagnostics: false }).outputText;
}

let toolchainPromise: Promise<Toolchain> | undefined;

export class TestStack {
    private readonly recorded: TranscriptEntry[] = [];
    /** What the CLI runs killed by {@link killCli} had started: ended by {@link dispose}. */
    private readonly leftBehind: SeenProcess[] = [];

    private constructor(
        readonly dir: string,
        readonly toolchain: Toolchain,
        private readonly env: NodeJS.ProcessEnv,
        readonly stackName: string,
        private readonly project: string,
    ) {}

    /** Creates the project folder, a file backend inside it, and the stack. */
    static async create(options: TestStackOptions): Promise<TestStack> {
        toolchainPromise ??= ensureToolchain();
        const toolchain = await toolchainPromise;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-stack-"));
        const project = options.project ?? "test";
        writeNodeProject(dir, project, repoRoot, { typescript: false });
        let backend: Record<string, string>;
        if (options.backendUrl) {
            backend = { PULUMI_BACKEND_URL: options.backendUrl, PULUMI_HOME: path.join(dir, ".pulumi-home") };
        } else {
            fs.mkdirSync(path.join(dir, ".state"));
            backend = { PULUMI_BACKEND_URL: `file://${path.join(dir, ".state")}` };
        }
        const env = offlineEnv(toolchain, { ...backend, ...options.env });
        const stack = new TestStack(dir, toolchain, env, options.stackName ?? "test", project);
        stack.writeProgram(options.program);
        await stack.pulumi(["stack", "init", stack.stackName]);
        await stack.setConfig(options.config ?? {});
        return stack;
    }

    /**
     * Sets stack config: plain values in one command (each CLI call costs about a second on a
     * loaded machine), secrets through stdin, one by one. Test programs read `test:` values.
     */
    async setConfig(config: Record<string, string | { secret: string }>): Promise<void> {
        const entries = Object.entries(config);
        const plain = entries.flatMap(([key, value]) =>
            typeof value === "string" ? ["--plaintext", `${key}=${value}`] : [],
        );
        if (plain.length > 0) await this.pulumi(["config", "set-all", ...plain]);
        for (const [key, value] of entries)
            if (typeof value !== "string") await this.setSecretConfig(key, value.secret);
    }

    /**
     * Replaces the program (TypeScript source); the next preview or up runs the new one. It is
     * transpiled here, once, and runs as JavaScript: type checking is `npm run typecheck`'s job,
     * so every run skips ts-node's registration and transpiling. (The saving is small: Pulumi's
     * closure serializer loads the TypeScript compiler anyway.) The TypeScript path users take is
     * exercised by the package and example tests.
     */
    writeProgram(source: string): void {
        fs.writeFileSync(path.join(this.dir, "index.js"), transpile(source));
        // What test programs import as "./consumer".
        fs.writeFileSync(path.join(this.dir, "consumer.js"), transpile(programSource("consumer")));
    }

    /**
     * A second runner of the same stack: another working copy of the project (program and the
     * stack's config file, as a team shares them in version control) with its own `PULUMI_HOME`,
     * on the same backend. Its transcript is its own.
     */
    workingCopy(): TestStack {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-stack-"));
        writeNodeProject(dir, this.project, repoRoot, { typescript: false });
        for (const file of ["index.js", "consumer.js", `Pulumi.${this.stackName}.yaml`])
            fs.copyFileSync(path.join(this.dir, file), path.join(dir, file));
        const env = { ...this.env, PULUMI_HOME: path.join(dir, ".pulumi-home") };
        return new TestStack(dir, this.toolchain, env, this.stackName, this.project);
    }

    /** The environment every CLI run of this stack gets, for another process that drives the stack (an Automation API program). */
    commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
        return { ...this.env, ...extra };
    }

    /** Adds what another process that drove this stack printed to the transcript the secret scan reads. */
    recordOutput(label: string, text: string): void {
        this.recorded.push({ label: `#${this.recorded.length + 1} ${label}`, text });
    }

    /** Sets a secret config value without putting it on a command line. */
    async setSecretConfig(key: string, value: string): Promise<void> {
        await this.pulumi(["config", "set", "--secret", key], { stdin: value });
    }

    /**
     * Every command's output and every exported state so far, except output a test asked
     * for with secrets revealed (`stack output --show-secrets`).
     */
    transcript(): TranscriptEntry[] {
        return [...this.recorded];
    }

    private record(args: string[], text: string): void {
        this.recordOutput(`pulumi ${args.join(" ")}`, text);
    }

    /**
     * Runs `pulumi <args>` in the project; rejects with a `ProcessError` on a non-zero exit unless `allowFailure`.
     * `revealsSecrets` keeps the output out of the transcript: only for commands told to show secrets.
     */
    async pulumi(
        args: string[],
        opts: {
            allowFailure?: boolean;
            stdin?: string;
            env?: Record<string, string>;
            cwd?: string;
            revealsSecrets?: boolean;
        } = {},
    ): Promise<CommandResult> {
        // Name the stack: a copy of the project elsewhere has no stack selected.
        const stackArg =
            args[0] === "version" || (args[0] === "stack" && args[1] === "init") ? [] : ["--stack", this.stackName];
        const fullArgs = [...args, ...stackArg, "--non-interactive", "--color", "never"];
        const pulumi = path.join(this.toolchain.binDir, "pulumi");
        const result = await runProcess(pulumi, fullArgs, {
            cwd: opts.cwd ?? this.dir,
            env: { ...this.env, ...opts.env },
            stdin: opts.stdin,
            allowFailure: true,
        });
        if (!opts.revealsSecrets) this.record(args, result.output);
        if (result.code !== 0 && !opts.allowFailure) throw new ProcessError(pulumi, fullArgs, result);
        return result;
    }

    /** Starts `pulumi <args>` without waiting, for tests that interrupt it; what it printed joins the transcript when it exits. */
    start(args: string[], opts: { env?: Record<string, string> } = {}): ChildProcess {
        const child = spawn(
            path.join(this.toolchain.binDir, "pulumi"),
            [...args, "--stack", this.stackName, "--non-interactive", "--color", "never"],
            {
                cwd: this.dir,
                env: { ...this.env, ...opts.env },
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        let output = "";
        const collect = (chunk: Buffer): void => {
            output += chunk;
        };
        child.stdout.on("data", collect);
        child.stderr.on("data", collect);
        child.on("close", () => this.record(args, output));
        return child;
    }

    /** `pulumi preview --diff`; `args` adds flags (`--policy-pack`, say). */
    /**
     * Kills a run begun by {@link start} as a crash would: the CLI alone, at once (SIGKILL). What it
     * started (language host, program, dynamic providers) goes on as it would on a real machine,
     * until {@link dispose}.
     */
    killCli(run: ChildProcess): void {
        if (run.pid !== undefined) this.leftBehind.push(...descendants(run.pid));
        run.kill("SIGKILL");
    }

    preview(opts: CommandOptions = {}): Promise<CommandResult> {
        return this.pulumi(["preview", "--diff", ...(opts.args ?? [])], opts);
    }

    /** `pulumi up` without its own preview (tests call {@link preview} when they assert on one); `args` adds flags. */
    up(opts: CommandOptions = {}): Promise<CommandResult> {
        return this.pulumi(["up", "--yes", "--skip-preview", "--diff", ...(opts.args ?? [])], opts);
    }

    refresh(opts: { allowFailure?: boolean; env?: Record<string, string> } = {}): Promise<CommandResult> {
        return this.pulumi(["refresh", "--yes", "--skip-preview", "--diff"], opts);
    }

    async destroy(
        opts: { allowFailure?: boolean; env?: Record<string, string>; cwd?: string } = {},
    ): Promise<CommandResult> {
        return this.pulumi(["destroy", "--yes", "--skip-preview"], opts);
    }

    /** Stack outputs with secrets revealed (tests compare key values). */
    async outputs(): Promise<Record<string, unknown>> {
        const result = await this.pulumi(["stack", "output", "--json", "--show-secrets"], { revealsSecrets: true });
        return JSON.parse(result.stdout) as Record<string, unknown>;
    }

    /** `pulumi stack export` as text (secrets stay ciphertext) and parsed. */
    async exportState(): Promise<{ text: string; resources: ExportedResource[] }> {
        const result = await this.pulumi(["stack", "export"]);
        const parsed = JSON.parse(result.stdout) as { deployment: { resources?: ExportedResource[] } };
        return { text: result.stdout, resources: parsed.deployment.resources ?? [] };
    }

    /** `pulumi stack import` of a deployment (as exported), read from a file. */
    async importState(deploymentFile: string): Promise<void> {
        await this.pulumi(["stack", "import", "--file", deploymentFile]);
    }

    /**
     * Removes the project folder, state included (a shared backend's state goes with its database). No closing destroy: what the stack still holds
     * lives only in the test's emulator, which is discarded with it, and a destroy nobody checks
     * would cost a CLI run per test. Tests that assert on destroy call {@link destroy} themselves.
     */
    dispose(): Promise<void> {
        killSeen(this.leftBehind);
        fs.rmSync(this.dir, { recursive: true, force: true });
        return Promise.resolve();
    }
}

/** Options of {@link TestStack.preview} and {@link TestStack.up}. */
export interface CommandOptions {
    allowFailure?: boolean;
    env?: Record<string, string>;
    /** Flags after the command's own. */
    args?: string[];
}

/** One resource of an exported deployment (the fields the tests read). */
export interface ExportedResource {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}
