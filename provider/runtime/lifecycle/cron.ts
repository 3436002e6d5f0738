/**
 * The standard five-field cron syntax (minute, hour, day of month, month, day of week), read in
 * UTC, and the next time it fires. Written here rather than taken from npm: the provider needs
 * only "parse" and "next", and the cron packages bring time zones and second fields it must not
 * accept. The syntax is Vixie cron's, as crontab(5) of cronie describes it
 * (https://man7.org/linux/man-pages/man5/crontab.5.html): `*`, numbers, `a-b` ranges, `,` lists,
 * `/n` steps (after `*`, a range, or a single start meaning "start to the field's end"), month and
 * day names (`jan`, `mon`: three letters, any case), day of week 0 or 7 for Sunday; and, when both
 * day fields are restricted (neither starts with `*`), a day matches when either does.
 */

/** A parsed expression: the values each field allows. */
export interface Cron {
    minutes: ReadonlySet<number>;
    hours: ReadonlySet<number>;
    daysOfMonth: ReadonlySet<number>;
    months: ReadonlySet<number>;
    /** 0 (Sunday) to 6; a 7 in the expression is read as 0. */
    daysOfWeek: ReadonlySet<number>;
    /** Whether the day-of-month and day-of-week fields start with `*` (then the other one alone decides). */
    daysOfMonthAny: boolean;
    daysOfWeekAny: boolean;
}

/** Why an expression does not parse, naming the field (1 to 5) it is about. */
export class CronError extends Error {
    constructor(
        message: string,
        /** 1-based position of the field at fault; undefined when the count of fields is wrong. */
        readonly field?: number,
    ) {
        super(message);
        this.name = "CronError";
    }
}

interface FieldSpec {
    name: string;
    min: number;
    max: number;
    names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day of month", min: 1, max: 31 },
    {
        name: "month",
        min: 1,
        max: 12,
        names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
    },
    { name: "day of week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];

/** Parses a five-field expression; throws a {@link CronError} naming the field at fault. */
export function parseCron(expression: string): Cron {
    const parts = expression.trim().split(/\s+/);
    if (parts.length !== 5 || parts[0] === "") {
        throw new CronError(
            `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts[0] === "" ? 0 : parts.length}`,
        );
    }
    const sets = parts.map((text, i) => parseField(text, FIELDS[i]!, i + 1));
    const daysOfWeek = new Set([...sets[4]!].map((d) => d % 7));
    const cron: Cron = {
        minutes: sets[0]!,
        hours: sets[1]!,
        daysOfMonth: sets[2]!,
        months: sets[3]!,
        daysOfWeek,
        daysOfMonthAny: parts[2]!.startsWith("*"),
        daysOfWeekAny: parts[4]!.startsWith("*"),
    };
    // "30 2 31 2 *" parses field by field but never fires: say so rather than wait forever.
    if (cron.daysOfWeekAny || cron.daysOfMonthAny) {
        const possible = [...cron.months].some((m) => [...cron.daysOfMonth].some((d) => d <= MONTH_DAYS[m - 1]!));
        if (!possible)
            throw new CronError(
                "field 3 (day of month): no listed day exists in any listed month, so it never fires",
                3,
            );
    }
    return cron;
}

/** Longest length of each month (February in a leap year). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseField(text: string, spec: FieldSpec, position: number): Set<number> {
    const fail = (why: string): never => {
        throw new CronError(`field ${position} (${spec.name}) '${text}': ${why}`, position);
    };
    const value = (token: string): number => {
        const named = spec.names?.indexOf(token.toLowerCase()) ?? -1;
        if (named >= 0) return named + (spec.min === 1 ? 1 : 0);
        if (!/^\d+$/.test(token)) return fail(`'${token}' is not a number${spec.names ? " or a name" : ""}`);
        const n = Number(token);
        if (n < spec.min || n > spec.max) return fail(`${n} is out of range ${spec.min}-${spec.max}`);
        return n;
    };
    const values = new Set<number>();
    for (const item of text.split(",")) {
        if (item === "") fail("empty list item");
        const [range, step, extra] = item.split("/");
        if (extra !== undefined) fail(`'${item}' has more than one '/'`);
        let stepBy = 1;
        if (step !== undefined) {
            if (!/^\d+$/.test(step) || Number(step) === 0) fail(`step '${step}' is not a whole number above 0`);
            stepBy = Number(step);
        }
        let from: number;
        let to: number;
        if (range === "*") [from, to] = [spec.min, spec.max];
        else if (range!.includes("-")) {
            const [a, b, more] = range!.split("-");
            if (more !== undefined || !a || !b) fail(`'${range}' is not a range a-b`);
            [from, to] = [value(a!), value(b!)];
            if (from > to) fail(`range ${a}-${b} runs backwards`);
        } else {
            from = value(range!);
            // "5/15" is "5-max/15"; a bare value is itself.
            to = step === undefined ? from : spec.max;
        }
        for (let v = from; v <= to; v += stepBy) values.add(v);
    }
    return values;
}

const MINUTE_MS = 60_000;
/** How far ahead {@link nextFiring} looks: past one leap cycle, so "29 Feb" is always found. */
const HORIZON_MS = 5 * 366 * 86_400_000;

/** Whether the expression fires on this UTC day. */
function dayMatches(cron: Cron, date: Date): boolean {
    const dom = cron.daysOfMonth.has(date.getUTCDate());
    const dow = cron.daysOfWeek.has(date.getUTCDay());
    if (cron.daysOfMonthAny) return dow;
    if (cron.daysOfWeekAny) return dom;
    return dom || dow;
}

/**
 * The first time at or after `from` (ms since the epoch) the expression fires, on a whole UTC
 * minute; undefined if it does not fire within about five years. Skips whole months, days and
 * hours that cannot match, so a rare expression costs a few hundred steps, not a minute-by-minute walk.
 */
export function nextFiring(cron: Cron, from: number): number | undefined {
    let t = Math.ceil(from / MINUTE_MS) * MINUTE_MS;
    const end = from + HORIZON_MS;
    while (t <= end) {
        const d = new Date(t);
        const [y, mo, day, h] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()];
        if (!cron.months.has(mo + 1)) t = Date.UTC(y, mo + 1, 1);
        else if (!dayMatches(cron, d)) t = Date.UTC(y, mo, day + 1);
        else if (!cron.hours.has(h)) t = Date.UTC(y, mo, day, h + 1);
        else if (!cron.minutes.has(d.getUTCMinutes())) t += MINUTE_MS;
        else return t;
    }
    return undefined;
}
