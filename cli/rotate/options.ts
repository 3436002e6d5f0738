/**
 * The options of `pulumi-uipath-keys rotate`, checked before anything runs: each refusal is one
 * line naming the flag.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { durationSchema, parseDurationMs } from "../../provider/runtime/lifecycle/rotation";

export const ROTATE_USAGE =
    "usage: pulumi-uipath-keys rotate [--stack NAME]... [--cwd DIR] [--dry-run] [--report FILE] [--notify URL] [--horizon DURATION]";

/** How far ahead "due" looks when `--horizon` is not given. */
export const DEFAULT_HORIZON = "30d";

export interface RotateOptions {
    /** Stacks of the project, in the order given. */
    stacks: string[];
    /** The project folder (holds Pulumi.yaml). */
    cwd: string;
    dryRun: boolean;
    /** Where the JSON report is written, if anywhere. */
    reportFile?: string;
    /** Where the report is POSTed, if anywhere. */
    notify?: URL;
    horizon: string;
    horizonMs: number;
}

/** A refusal of the command line, in one line naming the flag. */
export class UsageError extends Error {
    override readonly name = "UsageError";
}

/** Parses and checks the arguments after `rotate`; `env` supplies `PULUMI_STACK` when no `--stack` is given. */
export function parseRotateOptions(argv: readonly string[], env: NodeJS.ProcessEnv): RotateOptions {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...argv],
            strict: true,
            allowPositionals: false,
            options: {
                stack: { type: "string", multiple: true },
                cwd: { type: "string" },
                "dry-run": { type: "boolean" },
                report: { type: "string" },
                notify: { type: "string" },
                horizon: { type: "string" },
            },
        }));
    } catch (err) {
        throw new UsageError(flagRefusal(err));
    }

    const stacks = values.stack ?? (env.PULUMI_STACK ? [env.PULUMI_STACK] : []);
    if (stacks.length === 0) throw new UsageError("--stack: name at least one stack (or set PULUMI_STACK)");
    const blank = stacks.find((name) => name.trim() === "");
    if (blank !== undefined) throw new UsageError("--stack: a stack name cannot be empty");

    const cwd = path.resolve(values.cwd ?? ".");
    if (!fs.existsSync(path.join(cwd, "Pulumi.yaml")) && !fs.existsSync(path.join(cwd, "Pulumi.yml")))
        throw new UsageError(`--cwd: ${values.cwd ?? "."} is not a Pulumi project folder (no Pulumi.yaml)`);

    const horizon = values.horizon ?? DEFAULT_HORIZON;
    const parsed = durationSchema.safeParse(horizon);
    if (!parsed.success)
        throw new UsageError(`--horizon: '${horizon}': ${parsed.error.issues[0]?.message ?? "not a period"}`);

    let notify: URL | undefined;
    if (values.notify !== undefined) {
        notify = URL.canParse(values.notify) ? new URL(values.notify) : undefined;
        // The URL is not repeated: a webhook URL often holds its token.
        if (!notify || !["http:", "https:"].includes(notify.protocol))
            throw new UsageError("--notify: expected an http:// or https:// URL");
    }

    if (values.report !== undefined && values.report.trim() === "")
        throw new UsageError("--report: expected a file name");

    return {
        stacks,
        cwd,
        dryRun: values["dry-run"] ?? false,
        reportFile: values.report === undefined ? undefined : path.resolve(values.report),
        notify,
        horizon,
        horizonMs: parseDurationMs(horizon),
    };
}

/** node:util's parseArgs errors, as one line that starts with the flag. */
function flagRefusal(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    const flag = /'(--?[^' ]+)/.exec(message)?.[1];
    if (/Unknown option/.test(message)) return `${flag ?? "option"}: unknown option (${ROTATE_USAGE.slice(7)})`;
    if (/argument missing|argument is ambiguous/.test(message)) return `${flag ?? "option"}: expected a value`;
    if (/does not take an argument/.test(message)) return `${flag ?? "option"}: takes no value`;
    if (/Unexpected argument/.test(message)) return `${flag ?? "argument"}: unexpected argument`;
    return message.split("\n")[0]!;
}
