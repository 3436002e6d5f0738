/**
 * The Pulumi programs the benchmark runs. Subject and baselines have the same
 * shape: N resources built from the same args, and K dependents consuming the
 * first one's key. The subject uses the package's class; the baseline a no-op
 * dynamic resource whose one provider object all instances share (so Pulumi
 * serializes it once: the engine's floor for N dynamic resources); the calling
 * baseline a dynamic resource as small, whose provider (calling.js beside the
 * program) makes the subject's HTTP calls with `node:http` (the floor for N
 * resources that call UiPath).
 *
 * Why the calling baseline mirrors the calls per kind (kinds.ts, CallPlan)
 * rather than replaying the subject's audit log: a replay would need each
 * call's body and the resource it belongs to, which the audit does not hold
 * (it keeps no bodies, on purpose), and it would make a POST without its body
 * a 400 the emulator answers without doing the work. So each kind's plan
 * makes the calls the subject made at the commit this bench was written
 * against (the "before" state of issue #22), with valid bodies, in the
 * subject's order, in a copy of each organization (CALLING_ORG_PREFIX), with
 * got's retry rule as the client sets it (429 and 502-504, Retry-After up to 300 s). The bench
 * records the calls of both by route, so any difference shows in the table;
 * after a change that makes fewer calls, the calling baseline stays the
 * before-state's calls: the reference both states are measured against.
 */
import { CALLING_ORG_PREFIX, type BenchKind, type Layout } from "./kinds";

export type Role = "subject" | "baseline" | "calling";

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
    /** How the resources are spread (default: all in the default connection's organization, one folder). */
    layout?: Layout;
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

/**
 * The calling baseline's provider as stored in state: four forwarding methods
 * that require the stack's calling.js (callingModuleSource) when called, so
 * its `__provider` is as small as the no-op's (the engine rewrites every
 * resource's state at every step: a 6 KB provider text per resource made the
 * baseline's own destroy twice as slow as the subject's).
 */
const callingSource = `
const callingModule = { path: require("node:path").join(__dirname, "calling.js") };
const calling: pulumi.dynamic.ResourceProvider = {
    create: (inputs: any) => require(callingModule.path).create(inputs),
    read: (id: string, props: any) => require(callingModule.path).read(id, props),
    update: (id: string, olds: any, news: any) => require(callingModule.path).update(id, olds, news),
    delete: (id: string, props: any) => require(callingModule.path).delete(id, props),
};
class Calling extends pulumi.dynamic.Resource {
    declare readonly key: pulumi.Output<string>;
    constructor(name: string, args: Record<string, unknown>) {
        const connection = args.connection === undefined ? undefined : pulumi.secret(args.connection);
        super(calling, name, { ...args, connection, key: undefined }, { additionalSecretOutputs: ["key", "connection"] }, "bench", "Calling");
    }
}
`;

/**
 * calling.js, beside the calling baseline's program: its provider's methods
 * run the kind's CallPlan through `api`, a client on `node:http` with the
 * global agent (as got uses) that fetches one token per organization per run
 * (single-flight, as the subject's token cache) and retries as got is
 * configured to in provider/runtime/http/client.ts. One provider process
 * serves every resource of a run, so the module's state is the run's.
 */
export const callingModuleSource = (kind: BenchKind): string => `"use strict";
const http = require("node:http");
const base = new URL(process.env.UIPATH_BASE_URL);
const memo = new Map();
const once = (key, fn) => {
    let p = memo.get(key);
    if (!p) {
        p = fn();
        memo.set(key, p);
        p.catch(() => memo.delete(key));
    }
    return p;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const request = (method, path, headers, body) =>
    new Promise((resolve, reject) => {
        const req = http.request(
            { host: base.hostname, port: base.port, method, path, headers: { "user-agent": "bench-calling", accept: "application/json", ...headers } },
            (res) => {
                let text = "";
                res.setEncoding("utf8");
                res.on("data", (c) => (text += c));
                res.on("end", () => resolve({ status: res.statusCode, retryAfter: res.headers["retry-after"], text }));
            },
        );
        req.on("error", reject);
        req.end(body);
    });
const send = async (method, path, headers, body) => {
    for (let attempt = 1; ; attempt++) {
        const res = await request(method, path, headers, body);
        const retried = res.status === 429 || (method !== "POST" && [502, 503, 504].includes(res.status));
        const waitMs = res.retryAfter === undefined ? 250 * 2 ** (attempt - 1) : Number(res.retryAfter) * 1000;
        if (retried && attempt <= 4 && waitMs <= 300000) {
            await sleep(waitMs);
            continue;
        }
        if (res.status >= 400) throw new Error(method + " " + path.split("?")[0] + ": " + res.status);
        return res.text === "" ? undefined : JSON.parse(res.text);
    }
};
const token = (org) =>
    once("token " + org, async () => {
        const form = new URLSearchParams({ grant_type: "client_credentials", client_id: process.env.UIPATH_CLIENT_ID, client_secret: process.env.UIPATH_CLIENT_SECRET });
        const answer = await send("POST", "/" + org + "/identity_/connect/token", { "content-type": "application/x-www-form-urlencoded" }, form.toString());
        return answer.access_token;
    });
const api = {
    once,
    pg: async (org) => JSON.parse(Buffer.from((await token(org)).split(".")[1], "base64url").toString()).prt_id,
    call: async (org, method, path, opts = {}) => {
        const headers = { authorization: "Bearer " + (await token(org)), ...opts.headers };
        if (opts.json !== undefined) headers["content-type"] = "application/json";
        return send(method, path, headers, opts.json === undefined ? undefined : JSON.stringify(opts.json));
    },
};
const orgOf = (args) => ${JSON.stringify(CALLING_ORG_PREFIX)} + ((args.connection && args.connection.organization) || process.env.UIPATH_ORGANIZATION);
exports.create = async (inputs) => {
    const org = orgOf(inputs);
    const outs = await (async () => {
${kind.calls.create}
    })();
    return { id: Date.now().toString(36) + Math.random().toString(36).slice(2), outs: { ...inputs, ...outs, key: "no-op" } };
};
exports.read = async (id, props) => {
    const org = orgOf(props);
${kind.calls.read}
    return { id, props };
};
exports.update = async (_id, olds, news) => ({ outs: { ...olds, ...news, key: "no-op" } });
exports.delete = async (_id, props) => {
    const org = orgOf(props);
    void org;
${kind.calls.delete}
};
`;

export function programSource(options: ProgramOptions): string {
    const { kind, role, n } = options;
    const layout = options.layout ?? { folders: 1 };
    const subject = role === "subject";
    const cls = subject ? kind.name : role === "calling" ? "Calling" : options.shaped ? "Shaped" : "Noop";
    const keyOutput = subject ? kind.keyOutput : "key";
    return `import * as pulumi from "@pulumi/pulumi";
${subject ? `import { ${kind.name} } from "pulumi-uipath-keys";\n` : ""}${noopSource}${options.shaped ? shapedSource(kind) : ""}${role === "calling" ? callingSource : ""}
const env = process.env;
const trigger = (i: number): string => (i === 0 ? ${JSON.stringify(options.trigger0 ?? "initial")} : "initial");
const ORGS = ${layout.orgs ?? 0};
const FOLDERS = ${layout.folders};
const conn = (i: number) =>
    ORGS === 0 ? {} : { connection: { organization: \`bench-o\${i % ORGS}\`, clientId: env.UIPATH_CLIENT_ID, clientSecret: env.UIPATH_CLIENT_SECRET } };
const folder = (i: number): string => (FOLDERS <= 1 ? "Shared" : \`Shared/f\${Math.floor(i / Math.max(ORGS, 1)) % FOLDERS}\`);
const resources: ${cls}[] = [];
for (let i = 0; i < ${n}; i++) resources.push(new ${cls}(\`r\${i}\`, ${kind.args}));
for (let j = 0; j < ${options.dependents ?? 0}; j++) new Noop(\`dep\${j}\`, { value: resources[0]!.${keyOutput} });
`;
}
