import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { durationSchema, parseDurationMs, rotationDue, rotationDueAt } from "../../provider/runtime/lifecycle/rotation";

const t0 = "2027-01-01T00:00:00.000Z";
const at = (days: number) => Date.parse(t0) + days * 86_400_000;

describe("rotation", () => {
    it("reads periods made of number-unit pairs", () => {
        assert.equal(parseDurationMs("90d"), 90 * 86_400_000);
        assert.equal(parseDurationMs("1h30m"), 90 * 60_000);
        assert.equal(parseDurationMs("2w"), 14 * 86_400_000);
    });

    it("refuses periods it cannot read, saying what it expects", () => {
        for (const bad of ["soon", "90", "d", "-1d", "0d", "1.5h"]) {
            const result = durationSchema.safeParse(bad);
            assert.equal(result.success, false, bad);
            assert.match(result.error?.issues[0]?.message ?? "", /expected a period/);
        }
    });

    it("is due when rotationTrigger changes, including from or to unset", () => {
        assert.equal(rotationDue({ rotationTrigger: "a" }, { rotationTrigger: "b" }, at(0)), "rotationTrigger");
        assert.equal(rotationDue({}, { rotationTrigger: "b" }, at(0)), "rotationTrigger");
        assert.equal(rotationDue({ rotationTrigger: "a" }, { rotationTrigger: "a" }, at(0)), undefined);
    });

    it("is due once rotateAfter has passed since the last rotation, not before", () => {
        const olds = { rotatedAt: t0 };
        assert.equal(rotationDue(olds, { rotateAfter: "30d" }, at(29.9)), undefined);
        assert.equal(rotationDue(olds, { rotateAfter: "30d" }, at(30)), "rotateAfter");
        assert.equal(rotationDueAt(t0, "30d"), new Date(at(30)).toISOString());
        assert.equal(rotationDueAt(t0, undefined), undefined);
    });
});
