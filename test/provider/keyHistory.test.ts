/**
 * The keys' rotationHistory and rotationWindow with a fake service: entries from rotations and
 * drift, carried through the replacement a rotation is, once across an interrupted run; an
 * age-driven rotation held back outside its window.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { ProviderContext } from "../../provider/runtime/context";
import { keyInputsShape, type KeyInputs, type KeyState } from "../../provider/runtime/lifecycle/keyInputs";
import { fingerprint, type KeyKind } from "../../provider/runtime/lifecycle/keyKind";
import { keyProvider } from "../../provider/runtime/lifecycle/keyLifecycle";

const T0 = Date.parse("2027-01-01T00:00:00Z");
const DAY = 86_400_000;

class Service {
    key = "key-1";
    private n = 1;
    regenerate(): string {
        this.n += 1;
        this.key = `key-${this.n}`;
        return this.key;
    }
    kind(): KeyKind<KeyInputs> {
        return {
            keyOutput: "apiKey",
            inputSchema: z.object({ ...keyInputsShape }).strict(),
            identityInputs: [],
            id: (org) => `${org}/fake`,
            fetch: async () => ({ key: this.key, extra: {} }),
            regenerate: async () => ({ key: this.regenerate(), extra: {} }),
            verify: async () => ({ checked: true }),
        };
    }
}

/** A provider process: its own memory of the run, a clock the test moves, notices collected. */
function providerProcess(service: Service, clock: { t: number }, notices: string[] = []) {
    const stackConfig = { get: (k: string) => ({ "uipath:organization": "org", "uipath:accessToken": "pat" })[k] };
    const context = new ProviderContext({
        stackConfig,
        clock: { now: () => clock.t },
        env: {},
        notice: (line) => void notices.push(line),
    });
    return keyProvider(service.kind(), context);
}

/** One `up`: diff, then create when it replaces, else update. */
async function up(service: Service, clock: { t: number }, olds: KeyState<KeyInputs>, news: KeyInputs) {
    const provider = providerProcess(service, clock);
    const diff = await provider.diff("org/fake", olds, news);
    if ((diff.replaces ?? []).length > 0) return (await provider.create(news)).outs;
    return diff.changes ? (await provider.update("org/fake", olds, news)).outs : olds;
}

const fp = fingerprint;

describe("key rotation history", () => {
    it("records two rotations oldest first, with their causes and fingerprints", async () => {
        const service = new Service();
        const clock = { t: T0 };
        const created = (await providerProcess(service, clock).create({ rotationTrigger: "a", rotateAfter: "30d" }))
            .outs;
        assert.deepEqual(created.rotationHistory, []);
        clock.t = T0 + DAY;
        const byTrigger = await up(service, clock, created, { rotationTrigger: "b", rotateAfter: "30d" });
        clock.t = T0 + 40 * DAY;
        const byAge = await up(service, clock, byTrigger, { rotationTrigger: "b", rotateAfter: "30d" });
        assert.deepEqual(byAge.rotationHistory, [
            {
                at: new Date(T0 + DAY).toISOString(),
                cause: "trigger",
                from: fp("key-1"),
                to: fp("key-2"),
                retired: [fp("key-1")],
            },
            {
                at: new Date(T0 + 40 * DAY).toISOString(),
                cause: "age",
                from: fp("key-2"),
                to: fp("key-3"),
                retired: [fp("key-2")],
            },
        ]);
    });

    it("a run killed after the regeneration adds one entry when its rerun adopts the key", async () => {
        const service = new Service();
        const clock = { t: T0 };
        const created = (await providerProcess(service, clock).create({ rotationTrigger: "a" })).outs;
        // The killed run regenerated, and its outputs were never saved.
        await up(service, clock, created, { rotationTrigger: "b" });
        assert.equal(service.key, "key-2");
        const rerun = await up(service, clock, created, { rotationTrigger: "b" });
        assert.equal(service.key, "key-2", "no second regeneration");
        assert.deepEqual(
            rerun.rotationHistory?.map((e) => [e.cause, e.from, e.to]),
            [["trigger", fp("key-1"), fp("key-2")]],
        );
    });

    it("drift is recorded by the refresh that sees it, and the rotation that adopts that key adds nothing", async () => {
        const service = new Service();
        const clock = { t: T0 };
        const created = (await providerProcess(service, clock).create({ rotationTrigger: "a" })).outs;
        service.regenerate();
        const refreshed = (await providerProcess(service, clock).read("org/fake", created)).props!;
        assert.deepEqual(
            refreshed.rotationHistory?.map((e) => [e.cause, e.from, e.to]),
            [["drift", fp("key-1"), fp("key-2")]],
        );
        const again = (await providerProcess(service, clock).read("org/fake", refreshed)).props!;
        assert.equal(again.rotationHistory?.length, 1, "a second refresh adds nothing");
        const rotated = await up(service, clock, again, { rotationTrigger: "b" });
        assert.equal(rotated.rotationHistory?.length, 1);
        assert.equal(rotated.keyFingerprint, fp("key-2"));
    });

    it("an age-driven rotation waits outside its window, rotates inside it; a trigger does not wait", async () => {
        const service = new Service();
        const clock = { t: T0 };
        const rotationWindow = { cron: "0 2 * * *", duration: "1h" };
        const inputs = { rotateAfter: "30d", rotationWindow };
        const created = (await providerProcess(service, clock).create(inputs)).outs;
        clock.t = T0 + 31 * DAY + 12 * 3_600_000;
        const notices: string[] = [];
        const diff = await providerProcess(service, clock, notices).diff("org/fake", created, inputs);
        assert.deepEqual(diff.replaces, []);
        assert.deepEqual(notices, [
            "uipath: apiKey of org/fake: due (rotateAfter 30d has passed since 2027-01-01T00:00:00.000Z), waiting for the window opening at 2027-02-02T02:00:00.000Z",
        ]);
        const byTrigger = await providerProcess(service, clock).diff("org/fake", created, {
            ...inputs,
            rotationTrigger: "now",
        });
        assert.deepEqual(byTrigger.replaces, ["rotationTrigger"]);
        clock.t = T0 + 32 * DAY + 2 * 3_600_000 + 60_000;
        const inWindow = await providerProcess(service, clock).diff("org/fake", created, inputs);
        assert.deepEqual(inWindow.replaces, ["rotateAfter"]);
    });
});
