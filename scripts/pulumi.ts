/**
 * `npm run pulumi -- <args>`: runs the Pulumi CLI with the project's offline
 * environment (see toolchain.ts), building it first when needed.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { ensureToolchain, offlineEnv } from "./toolchain";

async function main(): Promise<void> {
    const toolchain = await ensureToolchain();
    const child = spawn(path.join(toolchain.binDir, "pulumi"), process.argv.slice(2), {
        stdio: "inherit",
        env: offlineEnv(toolchain),
    });
    // Let Ctrl-C reach pulumi so it can cancel cleanly and save its state.
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}

main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
