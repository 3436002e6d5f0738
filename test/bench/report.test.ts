/** The bench's summaries: ratios against both baselines, calls by route, 429s, RSS, and JSON saved before they existed. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { renderTables, summarizeGrowth, summarizeLifecycle } from "../../bench/report";
import { OPERATIONS, type LifecycleResult, type Sample } from "../../bench/scenarios";

const sample = (wallMs: number, calls: Record<string, number> = {}, extra: Partial<Sample> = {}): Sample => {
    const total = Object.values(calls).reduce((a, b) => a + b, 0);
    return {
        wallMs,
        cpuMs: wallMs / 2,
        api: { total, token: 0, mutating: 0, tooMany: 0, byRoute: calls },
        rss: { peakKb: 100 * 1024, processes: 1 },
        ...extra,
    };
};

function result(calling: boolean): LifecycleResult {
    const samples = Object.fromEntries(
        OPERATIONS.map((op) => [
            op,
            {
                subject: [sample(3000, { "GET /a": 4 }), sample(5000, { "GET /a": 6 }, { failed: "throttled" })],
                baseline: [sample(1000), sample(1000)],
                ...(calling ? { calling: [sample(2000, { "GET /a": 5 }), sample(2000, { "GET /a": 5 })] } : {}),
            },
        ]),
    ) as LifecycleResult["samples"];
    return {
        kind: "K",
        n: 10,
        conditions: { layout: { orgs: 10, folders: 1 }, latencyMs: 100, rateLimits: "documented" },
        samples,
        state: {},
    };
}

describe("bench report", () => {
    it("gives ratios against the calling baseline, calls by route, RSS and failures", () => {
        const s = summarizeLifecycle(result(true));
        const refresh = s.operations.refresh;
        assert.equal(s.label, "K orgs=10 100ms limits");
        assert.deepEqual(refresh.ratio.wall, { min: 3, median: 4 });
        assert.deepEqual(refresh.callingRatio?.wall, { min: 1.5, median: 2 });
        assert.deepEqual(refresh.subject.byRoute, { "GET /a": 5 });
        assert.equal(refresh.subject.rssMiB, 100);
        assert.equal(refresh.subject.failed, 1);
        const text = renderTables([s], summarizeGrowth([s]), []);
        assert.match(text, /calling baseline \(same calls, node:http\)/);
        assert.match(text, /The calling baseline made the subject's calls/);
    });

    it("labels each rate-limit mode by its own name", () => {
        const r = result(true);
        const label = (rateLimits: "documented" | "reads" | "off") =>
            summarizeLifecycle({ ...r, conditions: { ...r.conditions!, rateLimits } }).label;
        assert.deepEqual(
            [label("documented"), label("reads"), label("off")],
            ["K orgs=10 100ms limits", "K orgs=10 100ms read-limits", "K orgs=10 100ms no-limits"],
        );
    });

    it("names the routes where the calling baseline's calls differ", () => {
        const r = result(true);
        r.samples.refresh.calling = [sample(2000, { "GET /a": 4 }), sample(2000, { "GET /a": 4 })];
        const text = renderTables([summarizeLifecycle(r)], [], []);
        assert.match(text, /K orgs=10 100ms limits N=10 refresh: GET \/a 5\/4/);
    });

    it("still reads JSON saved before the calling baseline, routes and RSS", () => {
        const old = result(false);
        delete old.conditions;
        for (const op of OPERATIONS) {
            for (const s of [...old.samples[op].subject, ...old.samples[op].baseline]) {
                delete s.rss;
                s.api = { total: 1, token: 0, mutating: 0 } as Sample["api"];
            }
        }
        const s = summarizeLifecycle(old);
        assert.equal(s.label, "K");
        assert.equal(s.operations.refresh.callingRatio, undefined);
        assert.equal(s.operations.refresh.subject.api.tooMany, 0);
        const text = renderTables([s], [], []);
        assert.doesNotMatch(text, /calling baseline \(same calls/);
    });
});
