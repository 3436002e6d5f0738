import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CronError, nextFiring, parseCron } from "../../provider/runtime/lifecycle/cron";

const next = (expr: string, fromIso: string) => {
    const t = nextFiring(parseCron(expr), Date.parse(fromIso));
    return t === undefined ? undefined : new Date(t).toISOString();
};

const refusal = (expr: string): CronError => {
    try {
        parseCron(expr);
    } catch (err) {
        assert.ok(err instanceof CronError, String(err));
        return err;
    }
    assert.fail(`'${expr}' parsed`);
};

describe("cron parsing", () => {
    it("reads stars, values, ranges, lists and steps into the values they allow", () => {
        const c = parseCron("*/15 2,14 1-3 */4 1-5/2");
        assert.deepEqual([...c.minutes], [0, 15, 30, 45]);
        assert.deepEqual([...c.hours], [2, 14]);
        assert.deepEqual([...c.daysOfMonth], [1, 2, 3]);
        assert.deepEqual([...c.months], [1, 5, 9]);
        assert.deepEqual([...c.daysOfWeek], [1, 3, 5]);
    });

    it("reads a start with a step as start to the field's end", () => {
        assert.deepEqual([...parseCron("50/5 * * * *").minutes], [50, 55]);
    });

    it("reads month and day names in any case, alone and in ranges, and 7 as Sunday", () => {
        const c = parseCron("0 0 * JAN,jul-Aug mon-FRI");
        assert.deepEqual([...c.months], [1, 7, 8]);
        assert.deepEqual([...c.daysOfWeek], [1, 2, 3, 4, 5]);
        assert.deepEqual([...parseCron("0 0 * * 7").daysOfWeek], [0]);
        assert.deepEqual([...parseCron("0 0 * * sun").daysOfWeek], [0]);
    });

    it("refuses an expression naming the field at fault", () => {
        const cases: [string, number, RegExp][] = [
            ["60 * * * *", 1, /field 1 \(minute\) '60': 60 is out of range 0-59/],
            ["0 24 * * *", 2, /field 2 \(hour\).*out of range 0-23/],
            ["0 0 32 * *", 3, /field 3 \(day of month\).*out of range 1-31/],
            ["0 0 0 * *", 3, /field 3 \(day of month\).*out of range 1-31/],
            ["0 0 * 13 *", 4, /field 4 \(month\).*out of range 1-12/],
            ["0 0 * foo *", 4, /field 4 \(month\).*'foo' is not a number or a name/],
            ["0 0 * * 8", 5, /field 5 \(day of week\).*out of range 0-7/],
            ["0 0 * * mon-sun-tue", 5, /field 5.*not a range/],
            ["*/0 * * * *", 1, /step '0' is not a whole number above 0/],
            ["5-1 * * * *", 1, /range 5-1 runs backwards/],
            ["1,,2 * * * *", 1, /empty list item/],
            ["1/2/3 * * * *", 1, /more than one '\/'/],
            ["0 0 30 feb *", 3, /never fires/],
        ];
        for (const [expr, field, message] of cases) {
            const err = refusal(expr);
            assert.equal(err.field, field, expr);
            assert.match(err.message, message, expr);
        }
    });

    it("refuses anything but five fields, saying how many it got", () => {
        assert.match(refusal("0 0 * *").message, /expected 5 fields .*got 4/);
        assert.match(refusal("0 0 0 * * *").message, /got 6/);
        assert.match(refusal("   ").message, /got 0/);
        assert.equal(refusal("@daily").field, undefined);
    });
});

describe("next firing (UTC)", () => {
    it("fires at the start time itself on a whole matching minute, else the next one", () => {
        assert.equal(next("0 2 * * *", "2027-03-10T02:00:00.000Z"), "2027-03-10T02:00:00.000Z");
        assert.equal(next("0 2 * * *", "2027-03-10T02:00:00.001Z"), "2027-03-11T02:00:00.000Z");
        assert.equal(next("*/15 * * * *", "2027-03-10T02:07:30.000Z"), "2027-03-10T02:15:00.000Z");
    });

    it("has no daylight-saving jumps: 02:30 exists on the days European and US clocks change", () => {
        assert.equal(next("30 2 * * *", "2027-03-28T00:00:00Z"), "2027-03-28T02:30:00.000Z");
        assert.equal(next("30 2 * * *", "2027-03-14T00:00:00Z"), "2027-03-14T02:30:00.000Z");
        assert.equal(next("30 1 * * *", "2027-10-31T01:31:00Z"), "2027-11-01T01:30:00.000Z");
    });

    it("rolls over the end of an hour, a day, a month and a year", () => {
        assert.equal(next("5 * * * *", "2027-01-01T10:06:00Z"), "2027-01-01T11:05:00.000Z");
        assert.equal(next("0 0 * * *", "2027-01-31T23:59:00Z"), "2027-02-01T00:00:00.000Z");
        assert.equal(next("0 0 1 * *", "2027-12-15T00:00:00Z"), "2028-01-01T00:00:00.000Z");
    });

    it("skips months without the day: the 31st, and 29 February outside leap years", () => {
        assert.equal(next("0 0 31 * *", "2027-04-01T00:00:00Z"), "2027-05-31T00:00:00.000Z");
        assert.equal(next("0 0 29 2 *", "2027-01-01T00:00:00Z"), "2028-02-29T00:00:00.000Z");
        assert.equal(next("0 0 29 2 *", "2028-03-01T00:00:00Z"), "2032-02-29T00:00:00.000Z");
    });

    it("matches a day when either restricted day field does, and by the other when one is *", () => {
        // 2027-01-01 is a Friday. "1st or a Monday": the 1st, then Monday the 4th.
        assert.equal(next("0 0 1 * mon", "2027-01-01T00:00:00Z"), "2027-01-01T00:00:00.000Z");
        assert.equal(next("0 0 1 * mon", "2027-01-01T00:01:00Z"), "2027-01-04T00:00:00.000Z");
        assert.equal(next("0 0 * * mon", "2027-01-01T00:00:00Z"), "2027-01-04T00:00:00.000Z");
        // "*/2" in day of month still starts with *: the day of week alone decides.
        assert.equal(next("0 0 */2 * mon", "2027-01-01T00:00:00Z"), "2027-01-04T00:00:00.000Z");
        assert.equal(next("0 0 13 * *", "2027-01-01T00:00:00Z"), "2027-01-13T00:00:00.000Z");
    });

    it("finds weekday windows across a weekend", () => {
        // Saturday 2027-01-02 → Monday 2027-01-04.
        assert.equal(next("0 2 * * 1-5", "2027-01-02T03:00:00Z"), "2027-01-04T02:00:00.000Z");
    });
});
