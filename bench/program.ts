/**
 * The Pulumi programs the benchmark runs. Subject and baseline have the same
 * shape: N resources built from the same args, and K dependents consuming the
 * first one's key. The subject uses the package's class; the baseline a no-op
 * dynamic resource whose one provider object all instances share (so Pulumi
 * serializes it once: the engine's floor for N dynamic resources).
 */
import type { BenchKind } from "./kinds";

export type Role = "subject" | "baseline";

export interface ProgramOptions {
    kind: BenchKind;
    role: Role;
    /** Resources of the kind. */
    n: number;
    /** Dependents of resource 0's key. */
    dependents?: number;
    /** Rotation trigger of resource 0; changing it rotates that one key. */
    trigger0?: string;
    /** Baseline only: also register the subject's own properties (kind.properties), each filled by the no-op. */
    shaped?: boolean;
}

/** The no-op resource: baseline subject and every dependent. Its output `key` mirrors a key output (secret). */
const noopSource = `
const noop: pulumi.dynamic.ResourceProvider = {
    async create(inputs: Record<string, unknown>) {
        return { id: Date.now().toString(36) + Math.random().toString(36).slice(2), outs: { ...inputs, key: "no-op" } };
    },
    async read(id: string, props: Record<string, unknown>) {
        return { id, props };
    },
    async update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
        return { outs: { ...news, key: "no-op" } };
    },
    async delete() {},
};
class Noop extends pulumi.dynamic.Resource {
    declare readonly key: pulumi.Output<string>;
    constructor(name: string, args: Record<string, unknown>) {
        const connection = args.connection === undefined ? undefined : pulumi.secret(args.connection);
        super(noop, name, { ...args, connection, key: undefined }, { additionalSecretOutputs: ["key", "connection"] }, "bench", "Noop");
    }
}
`;

/**
 * The shaped baseline: a no-op that registers the subject's own properties
 * too (each filled with a string) and keeps the subject's key output secret.
 */
const shapedSource = (kind: BenchKind) => `
const SHAPE: string[] = ${JSON.stringify(kind.properties)};
const filled = (inputs: Record<string, unknown>) => ({ ...Object.fromEntries(SHAPE.map((p) => [p, "no-op"])), ...inputs, key: "no-op" });
const shapedNoop: pulumi.dynamic.ResourceProvider = {
    async create(inputs: Record<string, unknown>) {
        return { id: Date.now().toString(36) + Math.random().toString(36).slice(2), outs: filled(inputs) };
    },
    async read(id: string, props: Record<string, unknown>) {
        return { id, props };
    },
    async update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
        return { outs: filled(news) };
    },
    async delete() {},
};
class Shaped extends pulumi.dynamic.Resource {
    declare readonly key: pulumi.Output<string>;
    constructor(name: string, args: Record<string, unknown>) {
        const connection = args.connection === undefined ? undefined : pulumi.secret(args.connection);
        const shape = Object.fromEntries(SHAPE.map((p) => [p, undefined]));
        super(shapedNoop, name, { ...args, ...shape, connection, key: undefined }, { additionalSecretOutputs: ["key", "connection", ${JSON.stringify(kind.keyOutput)}] }, "bench", "Noop");
    }
}
`;

export function programSource(options: ProgramOptions): string {
    const { kind, role, n } = options;
    const subject = role === "subject";
    const cls = subject ? kind.name : options.shaped ? "Shaped" : "Noop";
    const keyOutput = subject ? kind.keyOutput : "key";
    return `import * as pulumi from "@pulumi/pulumi";
${subject ? `import { ${kind.name} } from "pulumi-uipath-keys";\n` : ""}${noopSource}${options.shaped ? shapedSource(kind) : ""}
const env = process.env;
const trigger = (i: number): string => (i === 0 ? ${JSON.stringify(options.trigger0 ?? "initial")} : "initial");
const resources: ${cls}[] = [];
for (let i = 0; i < ${n}; i++) resources.push(new ${cls}(\`r\${i}\`, ${kind.args}));
for (let j = 0; j < ${options.dependents ?? 0}; j++) new Noop(\`dep\${j}\`, { value: resources[0]!.${keyOutput} });
`;
}
