/**
 * `npm run bench:profile -- [N] [operation]`: CPU profiles (V8's sampling
 * profiler, through node:inspector) of the program and provider processes of
 * one operation on N OrchestratorApiAccess resources, subject and baseline,
 * to see where the overhead goes. Operations: up (no change; the default),
 * create (up from empty), preview, refresh. Writes .cpuprofile files (open
 * them in Chrome DevTools) and prints their folder. Needs `npm run build`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { ensureToolchain } from "../scripts/toolchain";
import { KINDS } from "./kinds";
import { programSource } from "./program";
import { stackEnv } from "./scenarios";
import { BenchStack } from "./stack";

/** Loaded into every node process of the run (NODE_OPTIONS=--require): profiles it, writes the profile on exit. */
const HOOK = `const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");
const dir = process.env.PROF_DIR;
const s = new inspector.Session();
s.connect();
s.post("Profiler.enable", () => s.post("Profiler.setSamplingInterval", { interval: 500 }, () => s.post("Profiler.start")));
let written = false;
const write = () => {
  if (written) return; written = true;
  s.post("Profiler.stop", (err, { profile }) => {
    if (err) return;
    fs.mkdirSync(dir, { recursive: true });
    const role = process.argv.some((a) => a.includes("dynamic-provider")) ? "provider" : "program";
    fs.writeFileSync(path.join(dir, \`\${role}-\${process.pid}.cpuprofile\`), JSON.stringify(profile));
  });
};
process.on("exit", write);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => { write(); process.exit(0); });`;

async function main(): Promise<void> {
    const n = Number(process.argv[2] ?? "50");
    const operation = process.argv[3] ?? "up";
    const kind = KINDS[0]!;
    const toolchain = await ensureToolchain();
    const emulator = await startEmulator({
        config: { organizations: kind.seed(n, { folders: 1 }) },
        rateLimits: { GET: 1e9, POST: 1e9, PUT: 1e9, PATCH: 1e9, DELETE: 1e9 },
    });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "uipath-keys-profile-"));
    const hook = path.join(out, "hook.cjs");
    fs.writeFileSync(hook, HOOK);
    try {
        for (const role of ["baseline", "subject"] as const) {
            const plain = await BenchStack.create(toolchain, stackEnv(emulator));
            plain.writeProgram(programSource({ kind, role, n }));
            if (operation !== "create") await plain.up();
            const dir = path.join(out, role);
            const profiled = plain.withEnv({ NODE_OPTIONS: `--require ${hook}`, PROF_DIR: dir });
            const args =
                operation === "create" || operation === "up"
                    ? ["up", "--yes", "--skip-preview"]
                    : operation === "refresh"
                      ? ["refresh", "--yes", "--skip-preview"]
                      : [operation];
            const timing = await profiled.run(args);
            console.log(
                `${role} ${operation}: ${timing.wallMs.toFixed(0)} ms wall, ${timing.cpuMs.toFixed(0)} ms cpu; profiles in ${dir}`,
            );
            await plain.destroy();
            plain.remove();
        }
    } finally {
        await emulator.close();
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
