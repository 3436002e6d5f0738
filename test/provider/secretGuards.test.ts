/**
 * ExternalApplicationSecret's guards through its provider against the emulator, as the engine
 * drives it: `emergency` on a create is a check failure naming the field; a rotation that would
 * retire a previous secret superseded the same UTC day is refused by `diff` and by `update`
 * before any call that changes anything, except while the trigger is still unknown in a preview.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import type { ProviderContext } from "../../provider/runtime/context";
import { externalApplicationSecretProvider } from "../../provider/runtime/kinds/externalApplicationSecret";
import { InvalidInputError } from "../../provider/runtime/reporting/errors";
import { DEMO, withEmulator } from "../emulator/helpers";
import { demoContext } from "../helpers/demoContext";

const contextFor = (url: string, now: () => number): ProviderContext => demoContext(url, { clock: { now } });

const inputs = { clientId: DEMO.clientId, secretTag: "0123456789abcdef", rotationTrigger: "a" };

describe("ExternalApplicationSecret guards in the provider", () => {
    it("check refuses emergency on a secret being created, naming the field, and takes it on an existing one", () =>
        withEmulator(async ({ emu, clock }) => {
            const p = externalApplicationSecretProvider(contextFor(emu.url, () => clock.now()));
            const creating = await p.check({} as never, { ...inputs, emergency: true });
            assert.deepEqual(
                creating.failures?.map((f) => f.property),
                ["emergency"],
            );
            assert.match(creating.failures?.[0]?.reason ?? "", /^emergency: true on a secret being created/);
            const existing = await p.check(inputs, { ...inputs, rotationTrigger: "b", emergency: true });
            assert.deepEqual(existing.failures, []);
        }));

    it("a second rotation the same UTC day: diff and update refuse it before any change; an unknown trigger is left to update", () =>
        withEmulator(async ({ emu, clock }) => {
            const p = externalApplicationSecretProvider(contextFor(emu.url, () => clock.now()));
            const { id, outs } = await p.create(inputs);
            clock.advance(3_600_000);
            const once = (await p.update(id, outs!, { ...inputs, rotationTrigger: "b" })).outs!;
            clock.advance(3_600_000);
            const again = { ...inputs, rotationTrigger: "c" };
            await assert.rejects(p.diff(id, once, again), (err: Error) => {
                assert.ok(err instanceof InvalidInputError);
                assert.match(err.message, new RegExp(`would retire previous secret ${outs!.secretId},`));
                return true;
            });
            const unknown = await p.diff(id, once, { ...inputs, rotationTrigger: pulumi.runtime.unknownValue });
            assert.equal(unknown.changes, true, "a preview with an unknown trigger shows the update");
            const mark = emu.audit().length;
            await assert.rejects(p.update(id, once, again), /rotation refused/);
            assert.deepEqual(
                emu
                    .audit()
                    .slice(mark)
                    .filter((e) => e.mutating),
                [],
                "update refused before any call that changes anything",
            );
            clock.set(Date.UTC(2025, 0, 2));
            const next = (await p.diff(id, once, again)).changes;
            assert.equal(next, true, "the next UTC day it goes through");
        }));
});
