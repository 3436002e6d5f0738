import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rotationWait, rotationWindowSchema, windowFailures } from "../../provider/runtime/lifecycle/rotationWindow";
import { checkInputs } from "../../provider/runtime/inputs/validation";
import { z } from "zod";
import { rotationWindowShape } from "../../provider/runtime/lifecycle/rotationWindow";
import { planRotation } from "../../provider/runtime/lifecycle/secretRotation";

const at = (iso: string) => Date.parse(iso);
const window = { cron: "0 2 * * *", duration: "2h" };
// 2027-01-01 is day 20819 since 1970-01-01 (odd).
const DAY0 = "2027-01-01";

describe("rotation windows", () => {
    it("lets a due rotation run while a window is open, from its opening to just before its end", () => {
        assert.equal(rotationWait({ rotationWindow: window }, at(`${DAY0}T02:00:00Z`)), undefined);
        assert.equal(rotationWait({ rotationWindow: window }, at(`${DAY0}T03:59:59.999Z`)), undefined);
    });

    it("holds it back outside the window, naming the next opening", () => {
        assert.deepEqual(rotationWait({ rotationWindow: window }, at(`${DAY0}T04:00:00Z`)), {
            until: "2027-01-02T02:00:00.000Z",
            what: "the window opening at 2027-01-02T02:00:00.000Z",
        });
        assert.equal(rotationWait({ rotationWindow: window }, at(`${DAY0}T01:59:00Z`))?.until, `${DAY0}T02:00:00.000Z`);
    });

    it("counts a window that opened yesterday and is still open (across midnight)", () => {
        const late = { cron: "30 23 * * *", duration: "1h" };
        assert.equal(rotationWait({ rotationWindow: late }, at("2027-01-02T00:15:00Z")), undefined);
        assert.equal(
            rotationWait({ rotationWindow: late }, at("2027-01-02T00:30:00Z"))?.until,
            "2027-01-02T23:30:00.000Z",
        );
    });

    it("does nothing without a window or a group", () => {
        assert.equal(rotationWait({}, at(`${DAY0}T12:00:00Z`)), undefined);
        assert.equal(rotationWait({ rotationGroup: "g" }, at(`${DAY0}T12:00:00Z`)), undefined);
    });

    it("refuses a cron that does not parse, naming the cron field, and a window under a minute", () => {
        const schema = z.object(rotationWindowShape).strict();
        assert.deepEqual(checkInputs(schema, { rotationWindow: { cron: "0 2 * * 9", duration: "1h" } }), [
            {
                property: "rotationWindow",
                reason: `rotationWindow.cron: field 5 (day of week) '9': 9 is out of range 0-7 (5 fields, UTC, e.g. "0 2 * * 1-5")`,
            },
        ]);
        assert.deepEqual(checkInputs(schema, { rotationWindow: { cron: "0 2 * * *", duration: "30s" } }), [
            {
                property: "rotationWindow",
                reason: "rotationWindow.duration: expected at least 1m: a window shorter than a minute may never be seen open",
            },
        ]);
        assert.equal(rotationWindowSchema.safeParse({ cron: "0 2 * * *", duration: "1m" }).success, true);
    });
});

describe("rotation groups", () => {
    const member = (index: number, size = 2) => ({ rotationGroup: "pair", rotationGroupSlot: { index, size } });

    it("lets exactly one member of a group rotate on any day, without a window", () => {
        for (let d = 0; d < 6; d++) {
            const t = at(`${DAY0}T12:00:00Z`) + d * 86_400_000;
            const allowed = [0, 1, 2].filter((i) => rotationWait(member(i, 3), t) === undefined);
            assert.equal(allowed.length, 1, `day ${d}: ${allowed.join(",")}`);
        }
    });

    it("names the start of the member's next day when it waits", () => {
        // Day 20819 is odd: member 1 of 2 today, member 0 tomorrow.
        assert.equal(rotationWait(member(1), at(`${DAY0}T12:00:00Z`)), undefined);
        assert.match(
            rotationWait(member(0), at(`${DAY0}T12:00:00Z`))?.what ?? "",
            /^this resource's group day starting 2027-01-02T00:00:00.000Z \(rotationGroup 'pair': member 1 of 2\)$/,
        );
    });

    it("with a window, gives each member the windows that open on its days", () => {
        const open = at(`${DAY0}T02:30:00Z`);
        assert.equal(rotationWait({ ...member(1), rotationWindow: window }, open), undefined);
        assert.equal(rotationWait({ ...member(0), rotationWindow: window }, open)?.until, "2027-01-02T02:00:00.000Z");
    });

    it("refuses a group member no window opening ever reaches, and accepts one that is reached", () => {
        // A weekly window opens on days ≡ one value mod 7: with 7 members, six never rotate.
        const weekly = { cron: "0 2 * * mon", duration: "2h" };
        const failures = [0, 1, 2, 3, 4, 5, 6].map((index) =>
            windowFailures({ rotationWindow: weekly, ...member(index, 7) }, at(`${DAY0}T00:00:00Z`)),
        );
        assert.equal(failures.filter((f) => f.length === 0).length, 1);
        assert.equal(failures.find((f) => f.length > 0)?.[0]?.property, "rotationGroup");
        assert.deepEqual(windowFailures({ rotationWindow: weekly, ...member(0, 2) }, at(`${DAY0}T00:00:00Z`)), []);
    });
});

describe("secret rotations and windows", () => {
    const window = { rotationWindow: { cron: "0 2 * * *", duration: "2h" } };
    const olds = {
        secretId: 1,
        rotatedAt: "2027-01-01T00:00:00.000Z",
        expiresAt: "2027-03-01T00:00:00.000Z",
        expiryRule: "after 59d",
    };
    const noon = at("2027-02-20T12:00:00Z");

    it("holds a renewal back outside the window and says until when; renews inside it, as cause expiry", () => {
        const news = { expiresAfter: "59d", renewBefore: "14d", ...window };
        assert.deepEqual(planRotation(olds, news, noon), {
            waiting:
                "due (the secret expires at 2027-03-01T00:00:00.000Z, within renewBefore 14d), waiting for the window opening at 2027-02-21T02:00:00.000Z",
        });
        assert.equal(planRotation(olds, news, at("2027-02-21T02:10:00Z")).cause, "expiry");
    });

    it("holds an age rotation back (cause age), never a trigger, an expired secret or a deleted one", () => {
        const news = { expiresAfter: "59d", rotateAfter: "30d", ...window };
        assert.match(planRotation(olds, news, noon).waiting ?? "", /^due \(rotateAfter 30d/);
        assert.equal(planRotation(olds, news, at("2027-02-21T02:10:00Z")).cause, "age");
        assert.equal(planRotation(olds, { ...news, rotationTrigger: "x" }, noon).cause, "trigger");
        assert.equal(planRotation(olds, news, at("2027-03-01T12:00:00Z")).cause, "expiry");
        assert.equal(planRotation({ ...olds, secretExists: false }, news, noon).cause, "deletedOutside");
    });
});

describe("a window not known in preview", () => {
    it("holds nothing back: the update decides with the value", async () => {
        const pulumi = await import("@pulumi/pulumi");
        const unknown = pulumi.runtime.unknownValue as string;
        assert.equal(
            rotationWait({ rotationWindow: { cron: unknown, duration: "1h" } }, at("2027-01-01T12:00:00Z")),
            undefined,
        );
    });
});
