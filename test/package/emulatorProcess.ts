/**
 * The packed emulator command as a separate process, started the way a CI
 * job starts it: read `EMULATOR_URL=` from its output, stop it with SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { PackedInstall } from "./packed";

export interface EmulatorProcess {
    child: ChildProcess;
    url: string;
    /** Everything it printed so far. */
    output(): string;
    /** Resolves with the exit code (or the signal's name) once the process has exited. */
    exited: Promise<number | string>;
    /** SIGTERM, then waits for the exit. */
    stop(): Promise<number | string>;
}

/** The bin as npm links it for the consumer: `node_modules/.bin/pulumi-uipath-keys-emulator`. */
export function emulatorBin(install: PackedInstall): string {
    return path.join(install.nodeModules, ".bin", "pulumi-uipath-keys-emulator");
}

/** How long the emulator may take to print its address (npx may resolve the bin first, on a loaded machine). */
const START_TIMEOUT_MS = 120_000;

/** Runs `command args...` and resolves once it has printed `EMULATOR_URL=...`; rejects (and kills it) past {@link START_TIMEOUT_MS}. */
export function startEmulatorProcess(
    command: string,
    args: string[],
    options: { cwd?: string } = {},
): Promise<EmulatorProcess> {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const exited = new Promise<number | string>((resolve) =>
        child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
    );
    return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`${command} printed no EMULATOR_URL within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
        }, START_TIMEOUT_MS);
        const onData = (chunk: Buffer): void => {
            output += chunk.toString();
            const match = /^EMULATOR_URL=(\S+)$/m.exec(output);
            if (!match) return;
            clearTimeout(deadline);
            child.stdout.off("data", onData);
            child.stdout.on("data", (more: Buffer) => (output += more.toString()));
            resolve({
                child,
                url: match[1]!,
                output: () => output,
                exited,
                stop: () => {
                    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
                    return exited;
                },
            });
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("error", reject);
        void exited.then((code) => {
            clearTimeout(deadline);
            reject(new Error(`${command} exited (${code}) before printing EMULATOR_URL:\n${output}`));
        });
    });
}
