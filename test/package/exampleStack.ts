/**
 * One of `examples/` copied into a temp folder, its `node_modules` the packed
 * install, and a stack in a local file backend, driven with the real CLI.
 * The connection comes from `UIPATH_*` environment variables, the way a CI
 * job points a stack at the emulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runProcess, type ProcessResult } from "../../scripts/process";
import { ensureToolchain, offlineEnv, repoRoot } from "../../scripts/toolchain";
import { consumerProject, type PackedInstall } from "./packed";

/** The demo organization's application in the emulator's seed (published fake values). */
export function emulatorConnection(url: string): Record<string, string> {
    return {
        UIPATH_BASE_URL: url,
        UIPATH_ORGANIZATION: "demo-org",
        UIPATH_CLIENT_ID: "demo-client",
        UIPATH_CLIENT_SECRET: "demo-secret",
    };
}

export class ExampleStack {
    readonly stackName = "test";

    private constructor(
        readonly dir: string,
        readonly env: NodeJS.ProcessEnv,
    ) {}

    /** Copies `examples/<name>`, creates the stack; `env` is added to every command's environment. */
    static async create(name: string, install: PackedInstall, env: Record<string, string>): Promise<ExampleStack> {
        const toolchain = await ensureToolchain();
        const dir = consumerProject(install, `uipath-example-${name}`);
        fs.cpSync(path.join(repoRoot, "examples", name), dir, {
            recursive: true,
            filter: (src) => !src.includes("node_modules"),
        });
        const env2 = offlineEnv(toolchain, {
            PULUMI_BACKEND_URL: `file://${path.join(dir, ".state")}`,
            // The suite type-checks the examples (test/package/consumerTypes.test.ts); the engine only transpiles.
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            ...env,
        });
        const stack = new ExampleStack(dir, env2);
        await stack.pulumi(["stack", "init", stack.stackName]);
        return stack;
    }

    /** `pulumi <args> --stack test --non-interactive`. */
    pulumi(
        args: string[],
        options: { stdin?: string; allowFailure?: boolean; env?: Record<string, string> } = {},
    ): Promise<ProcessResult> {
        const stackArgs = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", this.stackName];
        return runProcess("pulumi", [...args, ...stackArgs, "--non-interactive", "--color", "never"], {
            cwd: this.dir,
            env: { ...this.env, ...options.env },
            stdin: options.stdin,
            allowFailure: options.allowFailure,
        });
    }

    /** Stack outputs, secrets revealed only when asked. */
    async outputs(showSecrets = false): Promise<Record<string, unknown>> {
        const result = await this.pulumi(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])]);
        return JSON.parse(result.stdout) as Record<string, unknown>;
    }

    /** Destroys (best effort) and removes the folder. */
    async dispose(): Promise<void> {
        try {
            await this.pulumi(["destroy", "--yes", "--skip-preview"], { allowFailure: true });
        } finally {
            fs.rmSync(this.dir, { recursive: true, force: true });
        }
    }
}
