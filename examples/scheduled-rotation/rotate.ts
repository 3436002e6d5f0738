/**
 * Scheduled rotation: `rotateAfter` only acts when someone runs `pulumi up`,
 * so a scheduled job runs this. It refreshes (to see keys regenerated outside
 * Pulumi), previews, reports which keys are due and why, runs the update, and
 * prints what rotated — fingerprints, never key values. Exit code 0 when the
 * stack is up to date afterwards, 1 on any failure, 2 on bad arguments.
 *
 *   npx tsx rotate.ts [--stack NAME] [--dir PROJECT_DIR] [--dry-run]
 *
 * Uses Pulumi's Automation API, which drives the `pulumi` CLI on PATH with the
 * environment this process has (backend login, passphrase, UIPATH_* settings).
 */
import { parseArgs } from "node:util";
import { LocalWorkspace, type EngineEvent, type StepEventMetadata } from "@pulumi/pulumi/automation";

/** Every key resource of pulumi-uipath-keys has this type prefix in state. */
const KEY_TYPE = "pulumi-nodejs:dynamic/uipath:";

interface KeyStep {
    name: string;
    type: string;
    why: string;
    before?: string;
    after?: string;
}

const nameOf = (urn: string): string => urn.split("::").pop() ?? urn;
const isKey = (m: StepEventMetadata): boolean => m.type.startsWith(KEY_TYPE);

/** Why the engine plans this step for a key, in the user's words. */
function explain(m: StepEventMetadata): string {
    const old = m.old?.outputs ?? {};
    const reasons = (m.keys ?? []).map((key) => {
        if (key === "rotationTrigger") return "rotationTrigger changed";
        if (key === "rotateAfter") return `rotateAfter ${old.rotateAfter} elapsed (due ${old.rotationDueAt})`;
        if (key === "connection") return "moved to another organization";
        return `${key} changed`;
    });
    if (m.op === "update" && old.keyFingerprint !== old.appliedKeyFingerprint)
        reasons.push("regenerated outside Pulumi: dependents get the new key");
    return reasons.join("; ") || m.op;
}

/** Collects the key steps of one operation from the engine's events. */
function keySteps(phase: "pre" | "outputs", into: Map<string, KeyStep>): (event: EngineEvent) => void {
    return (event) => {
        const m = phase === "pre" ? event.resourcePreEvent?.metadata : event.resOutputsEvent?.metadata;
        if (!m || !isKey(m) || !["replace", "update", "create-replacement"].includes(m.op)) return;
        const step = into.get(m.urn) ?? { name: nameOf(m.urn), type: m.type.slice(KEY_TYPE.length), why: "" };
        if (m.op !== "create-replacement") step.why ||= explain(m);
        step.before ??= m.old?.outputs?.keyFingerprint;
        if (m.new?.outputs?.keyFingerprint) step.after = m.new.outputs.keyFingerprint;
        into.set(m.urn, step);
    };
}

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            stack: { type: "string" },
            dir: { type: "string", default: "." },
            "dry-run": { type: "boolean", default: false },
        },
    });
    const stackName = values.stack ?? process.env.PULUMI_STACK;
    if (!stackName) {
        console.error("usage: rotate.ts --stack NAME [--dir PROJECT_DIR] [--dry-run]  (or set PULUMI_STACK)");
        return 2;
    }
    const stack = await LocalWorkspace.selectStack({ stackName, workDir: values.dir });

    console.log(`[rotate] refreshing ${stackName}`);
    const refresh = await stack.refresh({ color: "never" });
    console.log(`[rotate] refresh: ${JSON.stringify(refresh.summary.resourceChanges ?? {})}`);

    const planned = new Map<string, KeyStep>();
    await stack.preview({ color: "never", onEvent: keySteps("pre", planned) });
    if (planned.size === 0) {
        console.log("[rotate] no key is due; nothing to do");
        return 0;
    }
    for (const step of planned.values()) console.log(`[rotate] due: ${step.name} (${step.type}): ${step.why}`);
    if (values["dry-run"]) return 0;

    const done = new Map<string, KeyStep>();
    const up = await stack.up({ color: "never", onEvent: keySteps("outputs", done) });
    for (const [urn, step] of done) {
        const before = planned.get(urn)?.before ?? step.before ?? "?";
        const verb = before === step.after ? "kept" : "rotated";
        console.log(`[rotate] ${verb}: ${step.name} (${step.type}) ${before} -> ${step.after ?? "?"}`);
    }
    console.log(`[rotate] update ${up.summary.result}: ${JSON.stringify(up.summary.resourceChanges ?? {})}`);
    return up.summary.result === "succeeded" ? 0 : 1;
}

main().then(
    (code) => process.exit(code),
    (err: unknown) => {
        // Automation API errors carry the CLI's whole output (free of secrets); its error lines say what went wrong.
        const text = err instanceof Error ? err.message : String(err);
        const errors = [
            ...new Set(
                text
                    .split("\n")
                    .filter((line) => /\berror:/.test(line))
                    .map((line) => line.trim()),
            ),
        ];
        console.error(`[rotate] failed: ${errors.length > 0 ? errors.join("\n") : text}`);
        process.exit(1);
    },
);
