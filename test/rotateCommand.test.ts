/**
 * `pulumi-uipath-keys rotate` as a child process (the source, through tsx) against a stack on the
 * emulator, on a manual clock (the emulator's ManualClock, the provider's UIPATH_KEYS_NOW), with
 * a local webhook receiver: a dry run changes nothing and names the dependent that will hold the
 * dead key; the run rotates, says how long that dependent held it, reports what comes due and
 * the secret no rotation covers; a receiver that is down makes it fail after retries, with the
 * report still written. Every line, report and webhook body is scanned for secrets.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { it } from "node:test";
import { ManualClock } from "../emulator";
import { runProcess, type ProcessResult } from "../scripts/process";
import { repoRoot } from "../scripts/toolchain";
import type { RotateReport } from "../cli/rotate/report";
import { readStored, withKeysStack } from "./helpers/fixture";
import { programSource } from "./helpers/programs";
import { auditMark, heldUserKey, mutatingCallsSince, regenerations } from "./helpers/service";
import { SCENARIO_TIMEOUT_MS, step } from "./helpers/steps";

const T0 = Date.parse("2027-01-01T00:00:00.000Z");
const DAY = 86_400_000;
const day = (n: number) => new Date(T0 + n * DAY).toISOString();

/** A webhook receiver on a free port that keeps every body it is sent. */
async function startReceiver(): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk));
        req.on("end", () => {
            bodies.push(body);
            res.writeHead(204).end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}/hooks/rotation?token=not-for-the-report`,
        bodies,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/** A URL nothing listens on: a receiver that is down. */
async function downUrl(): Promise<string> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${port}/hooks/rotation`;
}

it(
    "rotate: dry run, rotation with the dependent's dead-key window, what is due, and a receiver that is down",
    { timeout: SCENARIO_TIMEOUT_MS },
    async (t) => {
        const clock = new ManualClock(T0);
        const receiver = await startReceiver();
        const reports = fs.mkdtempSync(path.join(os.tmpdir(), "rotate-report-"));
        try {
            await withKeysStack(programSource("rotateCommand"), { emulator: { clock } }, async (f) => {
                const at = (n: number) => {
                    clock.set(T0 + n * DAY);
                    return { UIPATH_KEYS_NOW: day(n) };
                };
                const rotate = async (n: number, args: string[]): Promise<ProcessResult> => {
                    const result = await runProcess(
                        process.execPath,
                        ["--import", "tsx", path.join(repoRoot, "cli", "main.ts"), "rotate", ...args],
                        { cwd: repoRoot, env: f.stack.commandEnv(at(n)), allowFailure: true },
                    );
                    f.stack.recordOutput(`pulumi-uipath-keys rotate ${args.join(" ")}`, result.output);
                    return result;
                };
                const readReport = (file: string): RotateReport => {
                    const text = fs.readFileSync(file, "utf8");
                    f.stack.recordOutput(`report ${path.basename(file)}`, text);
                    return JSON.parse(text) as RotateReport;
                };
                const common = ["--stack", f.stack.stackName, "--cwd", f.stack.dir, "--horizon", "31d"];

                await step("day 0: up creates the key, its consumer, an app and a secret expiring on day 60", () =>
                    f.stack.up({ env: at(0) }),
                );
                const before = String((await f.stack.outputs()).keyFingerprint);

                await step(
                    "day 31, --dry-run: names the due key and the dependent that will hold its dead key; no mutating call",
                    async () => {
                        const file = path.join(reports, "dry-run.json");
                        const mark = auditMark(f);
                        const result = await rotate(31, [
                            ...common,
                            "--dry-run",
                            "--report",
                            file,
                            "--notify",
                            receiver.url,
                        ]);
                        assert.equal(result.code, 0, result.output);
                        assert.deepEqual(mutatingCallsSince(f, mark), [], "a dry run changed something");
                        assert.equal(String((await f.stack.outputs()).keyFingerprint), before);
                        assert.match(
                            result.stdout,
                            /test: replace orchestrator \(OrchestratorApiAccess\): rotateAfter 30d elapsed \(due 2027-01-31T00:00:00\.000Z\)/,
                        );
                        assert.match(
                            result.stdout,
                            /test: ci-user-key \(pulumi-nodejs:dynamic\/test:SecretStoreEntry\) will hold the dead key of orchestrator \(OrchestratorApiAccess\) between its regeneration and its own update/,
                        );
                        const report = readReport(file);
                        assert.equal(report.dryRun, true);
                        assert.deepEqual(report.stacks[0]?.rotated, []);
                        assert.deepEqual(report.stacks[0]?.deadKeyHolders, [
                            {
                                key: "orchestrator",
                                keyKind: "OrchestratorApiAccess",
                                resource: "ci-user-key",
                                type: "pulumi-nodejs:dynamic/test:SecretStoreEntry",
                                inputs: ["value"],
                            },
                        ]);
                        assert.equal(receiver.bodies.length, 1);
                        const { notification, ...sent } = report;
                        assert.deepEqual(JSON.parse(receiver.bodies[0]!), sent);
                        assert.deepEqual(notification, {
                            target: new URL(receiver.url).origin,
                            delivered: true,
                            attempts: 1,
                            status: 204,
                        });
                        assert.ok(!result.output.includes("not-for-the-report"), "the webhook's token was printed");
                        assert.ok(!JSON.stringify(report).includes("not-for-the-report"));
                    },
                );

                await step(
                    "day 31: rotates once, says why, and how long the dependent held the dead key; reports what is due and the uncovered expiry",
                    async () => {
                        const file = path.join(reports, "rotate.json");
                        const regenerated = regenerations(f, "orchestrator");
                        const result = await rotate(31, [...common, "--report", file, "--notify", receiver.url]);
                        t.diagnostic(result.stdout);
                        t.diagnostic(fs.readFileSync(file, "utf8"));
                        assert.equal(result.code, 0, result.output);
                        assert.equal(regenerations(f, "orchestrator"), regenerated + 1);
                        const after = String((await f.stack.outputs()).keyFingerprint);
                        assert.notEqual(after, before);
                        assert.equal(readStored(f.stack, "stored-user-key"), await heldUserKey(f));

                        const report = readReport(file);
                        const stack = report.stacks[0]!;
                        assert.equal(report.ok, true);
                        assert.deepEqual(stack.rotated, [
                            {
                                resource: "orchestrator",
                                kind: "OrchestratorApiAccess",
                                why: "rotateAfter 30d elapsed (due 2027-01-31T00:00:00.000Z)",
                                from: before,
                                to: after,
                                rotatedAt: day(31),
                                nextRotationAt: day(61),
                            },
                        ]);
                        const [holder] = stack.deadKeyHolders;
                        assert.equal(holder?.resource, "ci-user-key");
                        assert.ok(holder?.window, `no window measured: ${JSON.stringify(holder)}`);
                        assert.equal(
                            holder.window.seconds,
                            (Date.parse(holder.window.to) - Date.parse(holder.window.from)) / 1000,
                        );
                        assert.ok(holder.window.seconds >= 0 && holder.window.seconds < 300, JSON.stringify(holder));
                        assert.match(
                            result.stdout,
                            new RegExp(
                                `test: rotated orchestrator \\(OrchestratorApiAccess\\) ${before} -> ${after}: rotateAfter 30d elapsed`,
                            ),
                        );
                        assert.match(
                            result.stdout,
                            /test: ci-user-key held the dead key of orchestrator for \d+ s \(\S+ to \S+\)/,
                        );
                        assert.deepEqual(
                            stack.due.map((d) => [d.resource, d.dueAt]),
                            [
                                ["ci-secret", day(60)],
                                ["orchestrator", day(61)],
                            ],
                        );
                        assert.deepEqual(stack.expiringUncovered, [
                            {
                                resource: "ci-secret",
                                kind: "ExternalApplicationSecret",
                                expiresAt: day(60),
                                nextRotationAt: day(60),
                            },
                        ]);
                        assert.match(
                            result.stdout,
                            /test: ci-secret \(ExternalApplicationSecret\) expires at 2027-03-02T00:00:00\.000Z and no rotation comes due before it/,
                        );
                        assert.equal(receiver.bodies.length, 2);
                    },
                );

                await step(
                    "a receiver that is down: retried, said in one line, exit 1, the report still written",
                    async () => {
                        const file = path.join(reports, "down.json");
                        const url = await downUrl();
                        const result = await rotate(31, [...common, "--report", file, "--notify", url]);
                        t.diagnostic(result.output);
                        assert.equal(result.code, 1, result.output);
                        assert.match(
                            result.stderr,
                            new RegExp(
                                `could not send the report to ${new URL(url).origin.replace(/\./g, "\\.")} after 4 attempt\\(s\\): unreachable \\(ECONNREFUSED\\)`,
                            ),
                        );
                        const report = readReport(file);
                        assert.equal(report.ok, true, "the rotation itself succeeded");
                        assert.equal(report.stacks[0]?.upToDate, true);
                        assert.deepEqual(report.notification, {
                            target: new URL(url).origin,
                            delivered: false,
                            attempts: 4,
                            error: "unreachable (ECONNREFUSED)",
                        });
                    },
                );

                for (const [i, body] of receiver.bodies.entries()) f.stack.recordOutput(`webhook body ${i + 1}`, body);
            });
        } finally {
            await receiver.close();
            fs.rmSync(reports, { recursive: true, force: true });
        }
    },
);
