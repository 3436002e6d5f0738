/**
 * What one preview or up did, as the engine told it through the Automation API's events: each
 * resource step with its start, end or failure (engine timestamps), the errors in one line each,
 * and the provider's notices. Only named fields are kept; secret outputs arrive masked anyway.
 */
import type { EngineEvent, OpType, StepEventMetadata } from "@pulumi/pulumi/automation";
import { NOTICE_PREFIX } from "./kinds";

/** One step of one resource. Times are the engine's (Unix seconds). */
export interface StepRecord {
    urn: string;
    type: string;
    op: OpType;
    /** Inputs that cause a replacement. */
    keys: string[];
    /** Inputs that changed. */
    diffs: string[];
    oldOutputs: Record<string, unknown>;
    newOutputs: Record<string, unknown>;
    startedAt?: number;
    finishedAt?: number;
    failed: boolean;
}

/** The resource's name: the last part of its URN. */
export const nameOf = (urn: string): string => urn.split("::").pop() ?? urn;

export class EngineLog {
    private readonly steps = new Map<string, StepRecord>();
    private readonly errorLines = new Set<string>();
    private readonly noticeLines = new Set<string>();
    /** Error texts already recorded with the resource they belong to. */
    private readonly resourceErrors = new Set<string>();

    /** Pass to `preview`/`up` as `onEvent`. */
    readonly onEvent = (event: EngineEvent): void => {
        const pre = event.resourcePreEvent?.metadata;
        if (pre) this.step(pre).startedAt ??= event.timestamp;
        const done = event.resOutputsEvent?.metadata;
        if (done) {
            const step = this.step(done);
            step.finishedAt = event.timestamp;
            step.newOutputs = { ...step.newOutputs, ...(done.new?.outputs ?? {}) };
        }
        const failed = event.resOpFailedEvent?.metadata;
        if (failed) this.step(failed).failed = true;
        const diagnostic = event.diagnosticEvent;
        if (diagnostic) this.diagnostic(diagnostic.message, diagnostic.severity, diagnostic.urn);
    };

    /** Every step of the run, in the order each first appeared. */
    all(): StepRecord[] {
        return [...this.steps.values()];
    }

    find(urn: string, ops: readonly OpType[]): StepRecord | undefined {
        for (const op of ops) {
            const step = this.steps.get(`${urn}|${op}`);
            if (step) return step;
        }
        return undefined;
    }

    /** The run's errors, one line each (the resource's name first when the engine names one). */
    errors(): string[] {
        return [...this.errorLines];
    }

    /** The provider's notice lines (`uipath: …`). */
    notices(): string[] {
        return [...this.noticeLines];
    }

    /** The error lines of a failed Automation API call (its message holds the CLI's output). */
    addCommandFailure(err: unknown): void {
        // The events named the failure already; the message repeats it in the CLI's words.
        if (this.errorLines.size > 0) return;
        const text = err instanceof Error ? err.message : String(err);
        const lines = text
            .split("\n")
            .map((line) => line.trim())
            .filter((line) => /^error:/.test(line) && !/^error: update failed$/.test(line));
        if (lines.length > 0) for (const line of lines) this.errorLines.add(line.replace(/^error:\s*/, ""));
        else this.errorLines.add(text.split("\n").find((l) => l.trim()) ?? "failed");
    }

    private step(m: StepEventMetadata): StepRecord {
        const id = `${m.urn}|${m.op}`;
        let step = this.steps.get(id);
        if (!step) {
            step = {
                urn: m.urn,
                type: m.type,
                op: m.op,
                keys: m.keys ?? [],
                diffs: m.diffs ?? [],
                oldOutputs: m.old?.outputs ?? {},
                newOutputs: m.new?.outputs ?? {},
                failed: false,
            };
            this.steps.set(id, step);
        } else if (Object.keys(step.oldOutputs).length === 0 && m.old?.outputs) {
            step.oldOutputs = m.old.outputs;
        }
        return step;
    }

    private diagnostic(message: string, severity: string, urn: string | undefined): void {
        const lines = message
            .split("\n")
            .map((line) => line.trim())
            .filter(Boolean);
        for (const line of lines) {
            const at = line.indexOf(NOTICE_PREFIX);
            if (at >= 0 && severity !== "error") this.noticeLines.add(line.slice(at));
        }
        if (severity !== "error") return;
        // The engine's closing "update failed" says nothing the resource's own error did not.
        const first = lines.find((line) => !/^(error: )?(update|preview|refresh) failed$/.test(line));
        if (!first) return;
        const text = first.replace(/^error:\s*/, "");
        if (urn) {
            this.resourceErrors.add(text);
            this.errorLines.add(`${nameOf(urn)}: ${text}`);
        } else if (!this.resourceErrors.has(text)) {
            // The engine repeats a resource's error at the end without its name.
            this.errorLines.add(text);
        }
    }
}
