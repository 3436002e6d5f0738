/** The CLI: prints the URL and credentials, serves, stops cleanly on SIGTERM. */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { Api, DEMO } from "./helpers";

const MAIN = path.resolve(__dirname, "../../emulator/main.ts");

/** How long the CLI may take to print its address and banner: within the tests' own 20 s, so the failure names what was missing. */
const START_TIMEOUT_MS = 15_000;

/** Rejects, killing the child, if it has not printed what is awaited within {@link START_TIMEOUT_MS}. */
function startDeadline(child: ChildProcess, what: string, output: () => string, reject: (err: Error) => void) {
    const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`the CLI printed no ${what} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`));
    }, START_TIMEOUT_MS);
    child.on("exit", () => clearTimeout(timer));
    return timer;
}

/** Starts the CLI and resolves with its URL once it serves. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN, "--port", "0", ...args], {
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    return new Promise((resolve, reject) => {
        const deadline = startDeadline(child, "EMULATOR_URL", () => stdout, reject);
        child.stdout!.on("data", (d: Buffer) => {
            stdout += d.toString();
            const match = /^EMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
            if (!match) return;
            clearTimeout(deadline);
            resolve({ child, url: match[1]! });
        });
        child.on("exit", () => reject(new Error(`CLI exited early:\n${stdout}`)));
    });
}

describe("emulator CLI", () => {
    it(
        "starts on a free port, prints EMULATOR_URL and credentials, exits 0 on SIGTERM",
        { timeout: 20_000 },
        async () => {
            const child = spawn(process.execPath, ["--import", "tsx", MAIN, "--port", "0", "--manual-clock"], {
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stdout = "";
            child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
            const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
            try {
                const url = await new Promise<string>((resolve, reject) => {
                    const deadline = startDeadline(child, "EMULATOR_URL and credentials", () => stdout, reject);
                    const onData = (): void => {
                        const match = /^EMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
                        // The banner arrives in several chunks: wait for its credentials lines.
                        if (!match || !stdout.includes("client_secret=demo-secret")) return;
                        clearTimeout(deadline);
                        resolve(match[1]!);
                    };
                    child.stdout.on("data", onData);
                    child.on("exit", () => reject(new Error(`CLI exited early:\n${stdout}`)));
                });
                assert.match(stdout, /client_id=demo-client client_secret=demo-secret/);
                const api = new Api(url);
                assert.deepEqual((await api.get("/__emulator/health")).body, { ok: true });
                assert.equal((await api.post("/__emulator/clock/advance", { json: { seconds: 60 } })).status, 200);
            } finally {
                child.kill("SIGTERM");
            }
            assert.equal(await exited, 0);
        },
    );

    it("exits 2 with usage on a bad argument", { timeout: 20_000 }, async () => {
        const child = spawn(process.execPath, ["--import", "tsx", MAIN, "--port", "nope"], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
        assert.equal(code, 2);
        assert.match(stderr, /--port/);
    });

    it("keeps an answered revoke after the process is killed with SIGKILL", { timeout: 30_000 }, async () => {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-kill-"));
        const accessPath = `/${DEMO.org}/portal_/api/apiAccess/tenants/${DEMO.tenant}/services/orchestrator`;
        try {
            const first = await startCli(["--data-dir", dataDir]);
            const revoked = await new Api(first.url).post(`${accessPath}/revoke`, { token: DEMO.adminPat });
            assert.equal(revoked.status, 200);
            const exited = new Promise((resolve) => first.child.on("exit", resolve));
            first.child.kill("SIGKILL");
            await exited;

            const second = await startCli(["--data-dir", dataDir]);
            try {
                const after = await new Api(second.url).get(accessPath, { token: DEMO.adminPat });
                assert.equal(
                    (after.body as { userKey: string }).userKey,
                    (revoked.body as { userKey: string }).userKey,
                );
            } finally {
                second.child.kill("SIGTERM");
            }
        } finally {
            fs.rmSync(dataDir, { recursive: true, force: true });
        }
    });

    it(
        "--latency-ms delays each API answer and --rate-limits off switches the limits off",
        { timeout: 20_000 },
        async () => {
            const { child, url } = await startCli(["--latency-ms", "400", "--rate-limits", "off"]);
            try {
                const api = new Api(url);
                assert.equal(((await api.get("/__emulator/rate-limits")).body as { off?: boolean }).off, true);
                const started = performance.now();
                await api.get(`/${DEMO.org}/identity_/api/ExternalApiResource`);
                const ms = performance.now() - started;
                assert.ok(ms >= 395, `answered after ${ms.toFixed(0)} ms`);
            } finally {
                child.kill("SIGTERM");
            }
        },
    );

    it("refuses a bad --latency-ms or --rate-limits with exit 2", { timeout: 20_000 }, async () => {
        for (const args of [
            ["--latency-ms", "-5"],
            ["--rate-limits", "sometimes"],
        ]) {
            const child = spawn(process.execPath, ["--import", "tsx", MAIN, ...args], {
                stdio: ["ignore", "pipe", "pipe"],
            });
            let stderr = "";
            child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
            const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
            assert.equal(code, 2);
            assert.match(stderr, new RegExp(args[0]!));
        }
    });
});
