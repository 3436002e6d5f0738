/**
 * The program-side registration skips the stack trace `@pulumi/pulumi` would
 * format for each property's promises (see provider/resources/stackTraces.ts),
 * and leaves `Error.stackTraceLimit` as it found it. Under Pulumi's mocks: only
 * the program side is exercised here.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import {
    ExternalApplication,
    ExternalApplicationSecret,
    OrchestratorApiAccess,
    OrchestratorAsset,
} from "../../provider";

interface Traced {
    _debugCtx: string;
    _debugStackTrace: string;
}

/** Internal to @pulumi/pulumi (not in its typings): takes the pending promises it would report at exit, each with its stored trace. */
const { leakedPromises } = debuggable as unknown as { leakedPromises: () => [Set<Traced>, string] };

/** The traces stored on the promises that `register` created (all still pending: mocks answer later), by `transferProperty(...)` context. */
function tracesOf(register: () => void): Map<string, string> {
    leakedPromises();
    register();
    const [pending] = leakedPromises();
    return new Map(
        [...pending]
            .filter((p) => p._debugCtx.startsWith("transferProperty("))
            .map((p) => [p._debugCtx, p._debugStackTrace]),
    );
}

const noop: pulumi.dynamic.ResourceProvider = { create: async () => ({ id: "x" }) };
class Plain extends pulumi.dynamic.Resource {}

describe("registering a resource", () => {
    before(async () => {
        process.env.PULUMI_CONFIG = JSON.stringify({ "uipath:organization": "demo-org" });
        delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
        await pulumi.runtime.setMocks(
            { newResource: (args) => ({ id: args.name, state: args.inputs }), call: () => ({}) },
            "project",
            "stack",
            false,
        );
    });

    it("stores no formatted trace on the properties' promises, where a plain dynamic resource stores one", () => {
        const plain = tracesOf(() => new Plain(noop, "plain", { key: undefined }));
        assert.ok(
            plain.size > 0 && [...plain.values()].every((trace) => /\n\s+at /.test(trace)),
            "the check can fail: Pulumi formats a trace for a plain resource",
        );
        const ours: [string, () => void][] = [
            ["OrchestratorApiAccess", () => new OrchestratorApiAccess("api", { tenant: "DefaultTenant" })],
            ["ExternalApplication", () => new ExternalApplication("app", { name: "ci", confidential: true })],
            ["ExternalApplicationSecret", () => new ExternalApplicationSecret("secret", { clientId: "c" })],
            [
                "OrchestratorAsset",
                () =>
                    new OrchestratorAsset("asset", {
                        tenant: "DefaultTenant",
                        folder: "Shared",
                        name: "a",
                        valueType: "Text",
                        value: "v",
                    }),
            ],
        ];
        for (const [kind, register] of ours) {
            const traces = tracesOf(register);
            assert.ok(traces.size >= 8, `${kind}: its properties were registered (${traces.size})`);
            assert.deepEqual([...new Set(traces.values())], ["Error"], kind);
        }
    });

    it("keeps the traces for a user who debugs leaked promises (PULUMI_DEBUG_PROMISE_LEAKS)", () => {
        process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
        try {
            const traces = tracesOf(() => new OrchestratorApiAccess("debugged", { tenant: "DefaultTenant" }));
            assert.ok(traces.size >= 8 && [...traces.values()].every((trace) => /\n\s+at /.test(trace)));
        } finally {
            delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
        }
    });

    it("restores the caller's Error.stackTraceLimit, also when registration throws", () => {
        const saved = Error.stackTraceLimit;
        try {
            Error.stackTraceLimit = 17;
            new OrchestratorApiAccess("restored", { tenant: "DefaultTenant" });
            assert.equal(Error.stackTraceLimit, 17);
            // Pulumi refuses a resource without a name synchronously, inside the constructor's super().
            assert.throws(
                () => new OrchestratorApiAccess(undefined as unknown as string, { tenant: "DefaultTenant" }),
                /name/i,
            );
            assert.equal(Error.stackTraceLimit, 17);
        } finally {
            Error.stackTraceLimit = saved;
        }
    });
});
