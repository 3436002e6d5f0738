/**
 * The shared key-resource logic with a fake service, for the paths the engine
 * tests cannot reach on demand: a regeneration whose answer is lost.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { ProviderContext } from "../../provider/runtime/context";
import { NetworkError, NotFoundError } from "../../provider/runtime/reporting/errors";
import { keyInputsShape, type KeyInputs } from "../../provider/runtime/lifecycle/keyInputs";
import { fingerprint, type KeyKind } from "../../provider/runtime/lifecycle/keyKind";
import { keyProvider } from "../../provider/runtime/lifecycle/keyLifecycle";

class FakeService {
    key = "key-1";
    regenerations = 0;
    /** When set, the next regeneration happens but its answer is lost. */
    loseNextAnswer = false;
    /** How many of the next regenerations fail before reaching the service (503, reset: nothing happened). */
    failBeforeService = 0;
    /** When set, every read fails as a service whose tenant or organization is gone would answer. */
    gone: NotFoundError | undefined;

    kind(): KeyKind<KeyInputs> {
        return {
            keyOutput: "apiKey",
            inputSchema: z.object({ ...keyInputsShape }).strict(),
            identityInputs: [],
            id: (org) => `${org}/fake`,
            fetch: async () => {
                if (this.gone) throw this.gone;
                return { key: this.key, extra: {} };
            },
            regenerate: async () => {
                const networkError = new NetworkError("connection reset");
                if (this.gone) throw this.gone;
                if (this.failBeforeService > 0) {
                    this.failBeforeService -= 1;
                    throw networkError;
                }
                this.regenerations += 1;
                this.key = `key-${this.regenerations + 1}`;
                if (this.loseNextAnswer) {
                    this.loseNextAnswer = false;
                    throw networkError;
                }
                return { key: this.key, extra: {} };
            },
            verify: async () => ({ checked: true }),
        };
    }
}

const now = Date.parse("2027-01-01T00:00:00Z");

/** A provider process of its own: stack config for one organization, a fixed clock, no environment, notices collected. */
function context(notices: string[] = []): ProviderContext {
    const stackConfig = { get: (k: string) => ({ "uipath:organization": "org", "uipath:accessToken": "pat" })[k] };
    return new ProviderContext({
        stackConfig,
        clock: { now: () => now },
        env: {},
        notice: (line) => void notices.push(line),
        client: { retryBaseMs: 1 },
    });
}

async function createdAndRotating(service: FakeService) {
    const provider = keyProvider(service.kind(), context());
    const created = await provider.create({ rotationTrigger: "a" });
    assert.equal(created.outs.apiKey, "key-1");
    const diff = await provider.diff!(created.id, created.outs, { rotationTrigger: "b" });
    assert.deepEqual(diff.replaces, ["rotationTrigger"]);
    return provider;
}

describe("key resource logic", () => {
    it("create after a rotation diff regenerates exactly once", async () => {
        const service = new FakeService();
        const provider = await createdAndRotating(service);
        const rotated = await provider.create({ rotationTrigger: "b" });
        assert.equal(rotated.outs.apiKey, "key-2");
        assert.equal(service.regenerations, 1);
        const again = await provider.create({ rotationTrigger: "b" });
        assert.equal(again.outs.apiKey, "key-2", "a later create adopts");
        assert.equal(service.regenerations, 1);
    });

    it("a regeneration whose answer was lost is detected by reading, not repeated", async () => {
        const service = new FakeService();
        const provider = await createdAndRotating(service);
        service.loseNextAnswer = true;
        const rotated = await provider.create({ rotationTrigger: "b" });
        assert.equal(rotated.outs.apiKey, "key-2");
        assert.equal(service.regenerations, 1);
    });

    it("a rotation an interrupted run already made is adopted, not repeated", async () => {
        const service = new FakeService();
        const provider = await createdAndRotating(service);
        service.key = "rotated-before-the-crash";
        const rotated = await provider.create({ rotationTrigger: "b" });
        assert.equal(rotated.outs.apiKey, "rotated-before-the-crash");
        assert.equal(service.regenerations, 0);
    });

    it("a regeneration that did not happen is tried again in the same run, and happens once", async () => {
        const service = new FakeService();
        const provider = await createdAndRotating(service);
        service.failBeforeService = 2;
        const rotated = await provider.create({ rotationTrigger: "b" });
        assert.equal(rotated.outs.apiKey, "key-2");
        assert.equal(service.regenerations, 1);
    });

    it("a regeneration that keeps failing gives up after a bounded number of attempts, having changed nothing", async () => {
        const service = new FakeService();
        const provider = await createdAndRotating(service);
        service.failBeforeService = 100;
        await assert.rejects(provider.create({ rotationTrigger: "b" }), /connection reset/);
        assert.equal(service.regenerations, 0);
        assert.equal(service.failBeforeService, 95, "five attempts");
    });

    it("a rotation decided in one provider process is unknown to another", async () => {
        const service = new FakeService();
        await createdAndRotating(service);
        const otherProcess = keyProvider(service.kind(), context());
        const created = await otherProcess.create({ rotationTrigger: "b" });
        assert.equal(created.outs.apiKey, "key-1", "adopts: its context holds no rotation due");
        assert.equal(service.regenerations, 0);
    });

    it("update keeps every output", async () => {
        const service = new FakeService();
        const provider = keyProvider(service.kind(), context());
        const created = await provider.create({});
        const updated = await provider.update!(
            created.id,
            { ...created.outs, extraFromOlderVersion: "kept" },
            { verify: true },
        );
        assert.equal(updated.outs?.extraFromOlderVersion, "kept");
        assert.equal(updated.outs?.apiKey, "key-1");
        assert.equal(updated.outs?.keyFingerprint, fingerprint("key-1"));
        assert.equal(updated.outs?.rotatedAt, created.outs.rotatedAt, "same key, same rotation time");
    });

    it("an input removed by an update leaves no stale echo, so the next diff is clean", async () => {
        const service = new FakeService();
        const provider = keyProvider(service.kind(), context());
        const created = await provider.create({ rotateAfter: "30d", verify: true });
        assert.ok(created.outs.rotationDueAt);
        const diff = await provider.diff!(created.id, created.outs, {});
        assert.deepEqual([diff.changes, diff.replaces], [true, []], "removing inputs is an update");
        const updated = await provider.update!(created.id, created.outs, {});
        assert.equal(updated.outs?.rotateAfter, undefined);
        assert.equal(updated.outs?.rotationDueAt, undefined);
        assert.equal(updated.outs?.verify, undefined);
        const after = await provider.diff!(created.id, updated.outs, {});
        assert.equal(after.changes, false);
    });

    it("delete with revokeOnDelete leaves a newer key alone", async () => {
        const service = new FakeService();
        const provider = keyProvider(service.kind(), context());
        const created = await provider.create({ revokeOnDelete: true });
        service.key = "rotated-elsewhere";
        await provider.delete!(created.id, created.outs);
        assert.equal(service.regenerations, 0);
        assert.equal(service.key, "rotated-elsewhere");
    });

    it("a rotation asked for while refresh had found a newer key adopts that key", async () => {
        const service = new FakeService();
        const notices: string[] = [];
        const provider = keyProvider(service.kind(), context(notices));
        const created = await provider.create({ rotationTrigger: "a" });
        service.key = "made-by-a-killed-run";
        const refreshed = await provider.read!(created.id, created.outs);
        assert.equal(refreshed.props?.keyFingerprint, fingerprint("made-by-a-killed-run"));
        assert.equal(refreshed.props?.appliedKeyFingerprint, fingerprint("key-1"), "dependents still hold the old key");
        assert.match(
            notices.join("\n"),
            new RegExp(`${fingerprint("key-1")} => ${fingerprint("made-by-a-killed-run")}`),
        );
        const diff = await provider.diff!(created.id, refreshed.props!, { rotationTrigger: "b" });
        assert.deepEqual(diff.replaces, ["rotationTrigger"]);
        const rotated = await provider.create({ rotationTrigger: "b" });
        assert.equal(rotated.outs.apiKey, "made-by-a-killed-run");
        assert.equal(service.regenerations, 0);
    });

    it("a create of a key whose diff in the same run asked for no replacement rotates away from the key that diff saw", async () => {
        const service = new FakeService();
        const provider = keyProvider(service.kind(), context());
        const created = await provider.create({ rotationTrigger: "a" });
        const diff = await provider.diff!(created.id, created.outs, { rotationTrigger: "a" });
        assert.deepEqual([diff.changes, diff.replaces], [false, []]);
        const replaced = await provider.create({ rotationTrigger: "a" });
        assert.equal(replaced.outs.apiKey, "key-2");
        assert.notEqual(replaced.outs.rotatedAt, undefined);
        assert.equal(service.regenerations, 1);
    });

    it("delete with revokeOnDelete never revokes a key this run handed to another resource", async () => {
        const service = new FakeService();
        const provider = keyProvider(service.kind(), context());
        const old = await provider.create({ revokeOnDelete: true });
        const replacement = await provider.create({ revokeOnDelete: true });
        assert.equal(replacement.outs.apiKey, old.outs.apiKey);
        await provider.delete!(old.id, old.outs);
        assert.equal(service.regenerations, 0);
    });

    it("a key whose tenant or organization is gone: read drops it saying so, delete succeeds", async () => {
        const service = new FakeService();
        const notices: string[] = [];
        const provider = keyProvider(service.kind(), context(notices));
        const created = await provider.create({ revokeOnDelete: true });
        service.gone = new NotFoundError("no such tenant", { status: 404, missing: "tenant" });
        const read = await provider.read!(created.id, created.outs);
        assert.deepEqual(read, { id: "" }, "a blank id: the engine removes the resource");
        assert.equal(notices.length, 1);
        assert.match(notices[0] ?? "", /^uipath: org\/fake: its tenant no longer exists in UiPath/);
        await provider.delete!(created.id, created.outs);
    });

    it("a 404 that names nothing missing (a wrong URL) is an error, not a deletion", async () => {
        const service = new FakeService();
        const provider = keyProvider(service.kind(), context());
        const created = await provider.create({});
        service.gone = new NotFoundError("no such route", { status: 404 });
        await assert.rejects(provider.read!(created.id, created.outs), /no such route/);
    });
});
