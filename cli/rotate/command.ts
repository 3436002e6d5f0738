/**
 * `pulumi-uipath-keys rotate`: for each stack, preview then up (see runStack.ts), then one JSON
 * report, written to `--report` and POSTed to `--notify`. Exit code 0 when every stack is up to
 * date or rotated and the report was delivered, 1 on any failure, 2 on bad input (refused
 * before anything runs).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { clockFromEnv } from "../../provider/runtime/clock";
import { notify } from "./notify";
import { parseRotateOptions, UsageError, type RotateOptions } from "./options";
import type { RotateReport } from "./report";
import { pulumiCommandFrom, runStack } from "./runStack";

/** Where the command writes: stdout lines and stderr lines (tests capture them). */
export interface Output {
    out(line: string): void;
    err(line: string): void;
}

const stdio: Output = {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
};

const PREFIX = "[rotate] ";

export async function rotateCommand(
    argv: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
    io: Output = stdio,
): Promise<number> {
    let options: RotateOptions;
    let pulumiCommand;
    try {
        options = parseRotateOptions(argv, env);
        pulumiCommand = await pulumiCommandFrom(env);
    } catch (err) {
        const line = err instanceof UsageError ? err.message : err instanceof Error ? err.message : String(err);
        io.err(`${PREFIX}${line.split("\n")[0]}`);
        return 2;
    }

    // The provider's clock, so that "due" agrees with what the provider decides.
    const now = clockFromEnv(env).now();
    const horizonEnd = now + options.horizonMs;
    const report: RotateReport = {
        command: "rotate",
        dryRun: options.dryRun,
        startedAt: new Date().toISOString(),
        now: new Date(now).toISOString(),
        horizon: options.horizon,
        horizonEndsAt: new Date(horizonEnd).toISOString(),
        ok: true,
        stacks: [],
    };
    for (const stack of options.stacks) {
        io.out(`${PREFIX}${stack}: ${options.dryRun ? "preview (dry run)" : "preview, then up"}`);
        report.stacks.push(
            await runStack({
                stack,
                cwd: options.cwd,
                dryRun: options.dryRun,
                now,
                horizonEnd,
                pulumiCommand,
                print: (lines) => lines.forEach((line) => io.out(`${PREFIX}${line}`)),
            }),
        );
    }
    report.ok = report.stacks.every((s) => s.ok);
    report.finishedAt = new Date().toISOString();
    let code = report.ok ? 0 : 1;

    if (options.reportFile) writeReport(options.reportFile, report, io);
    if (options.notify) {
        const outcome = await notify(options.notify, report);
        report.notification = outcome;
        if (outcome.delivered) io.out(`${PREFIX}report sent to ${outcome.target} (attempt ${outcome.attempts})`);
        else {
            io.err(
                `${PREFIX}could not send the report to ${outcome.target} after ${outcome.attempts} attempt(s): ${outcome.error ?? "failed"}`,
            );
            code = 1;
        }
        // The file says whether the webhook got it.
        if (options.reportFile) writeReport(options.reportFile, report, io);
    }
    io.out(`${PREFIX}${report.ok ? "done" : "failed"}: ${report.stacks.length} stack(s)`);
    return code;
}

function writeReport(file: string, report: RotateReport, io: Output): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    if (report.notification === undefined) io.out(`${PREFIX}report written to ${file}`);
}
