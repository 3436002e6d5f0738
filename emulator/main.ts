#!/usr/bin/env node
/**
 * CLI: `pulumi-uipath-keys-emulator --port N [--host 127.0.0.1] [--data-dir DIR] [--config FILE]
 *      [--manual-clock] [--token-ttl SECONDS] [--latency-ms MS] [--rate-limits documented|off]`
 * Prints the URL, a machine-readable `EMULATOR_URL=...` line and the demo credentials from the
 * seed (fake values), then serves until SIGINT/SIGTERM.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ManualClock, systemClock } from "./clock";
import { resolveSeedConfig, USER_KEY_CLIENT_ID, type ParsedSeedConfig } from "./config";
import { MAX_LATENCY_MS, startEmulator, type Emulator } from "./index";
import { stopOnSignals } from "./server";
import { STATE_FILE } from "./store/file";

const USAGE = `Usage: pulumi-uipath-keys-emulator [--port N] [--host 127.0.0.1] [--data-dir DIR] [--config FILE] [--manual-clock] [--token-ttl SECONDS] [--latency-ms MS] [--rate-limits documented|off]`;

function parseCli(argv: string[]) {
    const { values } = parseArgs({
        args: argv,
        options: {
            port: { type: "string", default: "0" },
            host: { type: "string", default: "127.0.0.1" },
            "data-dir": { type: "string" },
            config: { type: "string" },
            "manual-clock": { type: "boolean", default: false },
            "token-ttl": { type: "string" },
            "latency-ms": { type: "string", default: "0" },
            "rate-limits": { type: "string", default: "documented" },
            help: { type: "boolean", short: "h", default: false },
        },
        strict: true,
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port must be 0..65535, got ${values.port}`);
    const ttl = values["token-ttl"] === undefined ? undefined : Number(values["token-ttl"]);
    if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0))
        throw new Error(`--token-ttl must be a positive integer`);
    const latencyMs = Number(values["latency-ms"]);
    if (!(Number.isInteger(latencyMs) && latencyMs >= 0 && latencyMs <= MAX_LATENCY_MS))
        throw new Error(`--latency-ms must be an integer from 0 to ${MAX_LATENCY_MS}, got ${values["latency-ms"]}`);
    const rateLimits = values["rate-limits"];
    if (rateLimits !== "documented" && rateLimits !== "off")
        throw new Error(`--rate-limits must be documented or off, got ${rateLimits}`);
    return { ...values, port, ttl, latencyMs, rateLimitsOff: rateLimits === "off" };
}

/** The credentials the seed itself names (generated keys are read through the API instead). */
function describeSeed(seed: ParsedSeedConfig): string[] {
    const lines: string[] = [];
    for (const org of seed.organizations) {
        const flags = [
            org.directoryIntegration && "directoryIntegration",
            !org.userKeyAccess && "userKeyAccess=false",
        ].filter(Boolean);
        lines.push(
            `  org ${org.name}${org.id ? ` (partitionGlobalId ${org.id})` : ""}${flags.length ? ` [${flags.join(", ")}]` : ""}`,
        );
        for (const user of org.users) {
            for (const pat of user.personalAccessTokens)
                lines.push(
                    `    PAT ${pat}  user ${user.email}${user.roles.length ? ` (${user.roles.join(", ")})` : ""}`,
                );
        }
        for (const app of org.externalApps) {
            if (app.secret)
                lines.push(`    app client_id=${app.id} client_secret=${app.secret} scopes="${app.scopes.join(" ")}"`);
        }
    }
    return lines;
}

async function main(): Promise<void> {
    const args = parseCli(process.argv.slice(2));
    if (args.help) {
        console.log(USAGE);
        return;
    }
    const seed = resolveSeedConfig(args.config);
    const clock = args["manual-clock"] ? new ManualClock() : systemClock;
    // Checked before start: starting writes state.json.
    const hadState = args["data-dir"] !== undefined && fs.existsSync(path.join(args["data-dir"], STATE_FILE));
    const emulator: Emulator = await startEmulator({
        port: args.port,
        host: args.host,
        dataDir: args["data-dir"],
        config: args.config,
        clock,
        tokenTtlSeconds: args.ttl,
        latencyMs: args.latencyMs,
        ...(args.rateLimitsOff ? { rateLimits: "off" as const } : {}),
    });
    console.log(
        `UiPath emulator listening on ${emulator.url}${args["data-dir"] ? ` (state in ${args["data-dir"]})` : " (in memory)"}`,
    );
    console.log(`EMULATOR_URL=${emulator.url}`);
    console.log(`Clock: ${args["manual-clock"] ? "manual (POST /__emulator/clock/advance)" : "system"}`);
    if (args.latencyMs > 0) console.log(`Latency: every API request waits ${args.latencyMs} ms`);
    if (args.rateLimitsOff) console.log("Rate limits: off (PUT /__emulator/rate-limits switches Identity's on)");
    console.log(`Demo credentials (fake)${hadState ? "; from the seed, the saved state may differ" : ""}:`);
    for (const line of describeSeed(seed)) console.log(line);
    console.log(`  user-key exchange client_id=${USER_KEY_CLIENT_ID}; read user keys via the portal_ apiAccess routes`);

    stopOnSignals({ close: () => emulator.close() });
    stopWhenNpxIsStopped();
}

/**
 * Under `npx` the pid a user holds is npm's. npm passes SIGTERM to the shell
 * it started this command in, and that shell dies without passing it on,
 * which would leave the server orphaned and listening. So when started by
 * `npm exec`/`npx`, losing the parent counts as that SIGTERM. (Started
 * directly, the parent may well exit first, e.g. a CI step's shell.)
 */
function stopWhenNpxIsStopped(): void {
    if (process.env.npm_command !== "exec") return;
    const parent = process.ppid;
    const timer = setInterval(() => {
        if (process.ppid === parent) return;
        clearInterval(timer);
        process.kill(process.pid, "SIGTERM");
    }, 200);
    timer.unref();
}

main().catch((err: unknown) => {
    console.error(`emulator: ${err instanceof Error ? err.message : String(err)}`);
    console.error(USAGE);
    process.exit(2);
});
