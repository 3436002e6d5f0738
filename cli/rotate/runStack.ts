/**
 * One stack through Pulumi's Automation API: preview (refreshing in memory, so a key regenerated
 * or a secret deleted outside Pulumi counts), the dependents of every single-phase key it
 * regenerates, then `up` unless this is a dry run or nothing changes, then what is due.
 */
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { deadKeyWindows, plannedChanges, regeneratedKeys, rotations } from "./changes";
import { EngineLog, nameOf } from "./engineLog";
import { emptyStackReport, closingLines, outcomeLines, previewLines, type StackReport } from "./report";
import { dependentsOf, dueWithin, expiringUncovered, stateResources } from "./stateFacts";

export interface StackRun {
    stack: string;
    cwd: string;
    dryRun: boolean;
    /** Epoch ms the horizon is measured from, and its end. */
    now: number;
    horizonEnd: number;
    pulumiCommand?: PulumiCommand;
    /** Called with each stage's lines as soon as they are known. */
    print(lines: string[]): void;
}

/**
 * The CLI the Automation API spawns: `PULUMI_CLI` (a path to a `pulumi` binary in a `bin`
 * folder) when set, else the `pulumi` on PATH.
 */
export async function pulumiCommandFrom(env: NodeJS.ProcessEnv): Promise<PulumiCommand | undefined> {
    const cli = env.PULUMI_CLI;
    if (!cli) return undefined;
    const full = path.resolve(cli);
    // PulumiCommand.get runs `<root>/bin/pulumi` (@pulumi/pulumi 3.248.0, automation/cmd.js, `static async get`).
    if (path.basename(full) !== "pulumi" || path.basename(path.dirname(full)) !== "bin")
        throw new Error("PULUMI_CLI: expected the path of a pulumi binary in a folder named bin");
    return PulumiCommand.get({ root: path.dirname(path.dirname(full)) });
}

export async function runStack(run: StackRun): Promise<StackReport> {
    const report = emptyStackReport(run.stack);
    const preview = new EngineLog();
    let stack: Stack;
    try {
        stack = await LocalWorkspace.selectStack(
            { stackName: run.stack, workDir: run.cwd },
            run.pulumiCommand ? { pulumiCommand: run.pulumiCommand } : {},
        );
        const before = stateResources(await stack.exportStack());
        const result = await stack.preview({ refresh: true, color: "never", onEvent: preview.onEvent });
        report.planned = plannedChanges(preview, run.now);
        report.deadKeyHolders = regeneratedKeys(preview).flatMap((key) =>
            dependentsOf(before, key.urn).map((d) => ({ key: nameOf(key.urn), keyKind: key.kind, ...d })),
        );
        const changes = Object.entries(result.changeSummary ?? {}).filter(([op, n]) => op !== "same" && n > 0);
        report.upToDate = changes.length === 0;
    } catch (err) {
        preview.addCommandFailure(err);
        report.failures.push(...preview.errors());
        if (report.failures.length === 0) report.failures.push("preview failed");
        report.ok = false;
        run.print(report.failures.map((f) => `${run.stack}: failed: ${f}`));
        return report;
    } finally {
        report.notices.push(...preview.notices());
    }
    run.print(previewLines(report));

    if (!run.dryRun && !report.upToDate) {
        const up = new EngineLog();
        try {
            await stack.up({ refresh: true, color: "never", onEvent: up.onEvent });
        } catch (err) {
            up.addCommandFailure(err);
        }
        report.rotated = rotations(preview, up, run.now);
        report.deadKeyHolders = deadKeyWindows(report.deadKeyHolders, up);
        for (const notice of up.notices()) if (!report.notices.includes(notice)) report.notices.push(notice);
        report.failures.push(...up.errors());
        run.print(outcomeLines(report));
    }

    try {
        const after = stateResources(await stack.exportStack());
        report.due = dueWithin(after, run.horizonEnd);
        report.expiringUncovered = expiringUncovered(after, run.horizonEnd);
    } catch (err) {
        const reading = new EngineLog();
        reading.addCommandFailure(err);
        report.failures.push(...reading.errors().map((line) => `stack export: ${line}`));
    }
    report.ok = report.failures.length === 0;
    run.print(closingLines(report, new Date(run.horizonEnd).toISOString()));
    return report;
}
