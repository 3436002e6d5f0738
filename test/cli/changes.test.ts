/**
 * What rotate makes of the engine's events, without the engine: how long a dependent held a
 * regenerated key's dead predecessor, a dependent whose update failed, and why a secret rotates.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import type { EngineEvent, OpType } from "@pulumi/pulumi/automation";
import { deadKeyWindows, explain, rotations } from "../../cli/rotate/changes";
import { EngineLog } from "../../cli/rotate/engineLog";

const KEY = "urn:pulumi:s::p::pulumi-nodejs:dynamic/uipath:OrchestratorApiAccess::orchestrator";
const STORE = "urn:pulumi:s::p::x:index:Store::ci-user-key";
const holder = {
    key: "orchestrator",
    keyKind: "OrchestratorApiAccess",
    resource: "ci-user-key",
    type: "x:index:Store",
    inputs: ["value"],
};

type Phase = "pre" | "outputs" | "failed";
function event(phase: Phase, timestamp: number, urn: string, op: OpType, outputs = {}, old = {}): EngineEvent {
    const metadata = {
        op,
        urn,
        type: urn.split("::")[2]!,
        provider: "",
        old: { type: "", urn, id: "", parent: "", inputs: {}, outputs: old, provider: "" },
        new: { type: "", urn, id: "", parent: "", inputs: {}, outputs, provider: "" },
    };
    if (phase === "pre") return { sequence: 0, timestamp, resourcePreEvent: { metadata } };
    if (phase === "outputs") return { sequence: 0, timestamp, resOutputsEvent: { metadata } };
    return { sequence: 0, timestamp, resOpFailedEvent: { metadata, status: 1, steps: 1 } };
}

function upLog(dependent: Phase): EngineLog {
    const log = new EngineLog();
    log.onEvent(event("pre", 1000, KEY, "create-replacement"));
    log.onEvent(
        event("outputs", 1001, KEY, "create-replacement", { keyFingerprint: "bbbb" }, { keyFingerprint: "aaaa" }),
    );
    log.onEvent(event("pre", 1002, STORE, "update"));
    log.onEvent(event(dependent, 1004, STORE, "update"));
    return log;
}

it("a dependent held the dead key from the key's replacement starting to its own update finishing", () => {
    assert.deepEqual(deadKeyWindows([holder], upLog("outputs")), [
        {
            ...holder,
            window: { seconds: 4, from: new Date(1_000_000).toISOString(), to: new Date(1_004_000).toISOString() },
        },
    ]);
});

it("a dependent whose update failed still holds the dead key", () => {
    assert.deepEqual(deadKeyWindows([holder], upLog("failed")), [{ ...holder, stillDead: true }]);
});

it("a key not regenerated after all has no window", () => {
    assert.deepEqual(deadKeyWindows([holder], new EngineLog()), [holder]);
});

it("a key rotated: its fingerprints before and after", () => {
    const up = upLog("outputs");
    assert.deepEqual(
        rotations(new EngineLog(), up, 0).map((r) => [r.resource, r.from, r.to]),
        [["orchestrator", "aaaa", "bbbb"]],
    );
});

it("why a secret rotates, from its old outputs and the clock", () => {
    const now = Date.parse("2027-02-01T00:00:00.000Z");
    const secret = (old: Record<string, unknown>, diffs: string[] = []) =>
        explain(
            {
                urn: "u",
                type: "t",
                op: "update",
                keys: [],
                diffs,
                oldOutputs: old,
                newOutputs: {},
                failed: false,
            },
            now,
        );
    assert.equal(secret({ secretExists: false }), "the current secret was deleted outside Pulumi");
    assert.equal(secret({}, ["rotationTrigger"]), "rotationTrigger changed");
    assert.equal(secret({ expiresAt: "2027-01-30T00:00:00.000Z" }), "the secret expired at 2027-01-30T00:00:00.000Z");
    assert.equal(
        secret({ expiresAt: "2027-03-01T00:00:00.000Z", rotationDueAt: "2027-01-25T00:00:00.000Z" }),
        "rotation due at 2027-01-25T00:00:00.000Z",
    );
    assert.equal(
        secret({ previousSecretId: 7, previousSecretRetiresAt: "2027-01-31T00:00:00.000Z" }),
        "retires previous secret 7 (due at 2027-01-31T00:00:00.000Z)",
    );
});
