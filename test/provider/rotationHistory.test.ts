import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkInputs } from "../../provider/runtime/inputs/validation";
import { productApiKeyInputs } from "../../provider/runtime/kinds/productApiKey";
import { externalApplicationSecretInputs } from "../../provider/runtime/kinds/externalApplicationSecret";
import {
    MAX_HISTORY_LENGTH,
    trimmed,
    withEntry,
    type RotationHistoryEntry,
} from "../../provider/runtime/lifecycle/rotationHistory";

const entry = (n: number): RotationHistoryEntry => ({
    at: new Date(Date.UTC(2027, 0, n)).toISOString(),
    cause: "age",
    from: `fp${n - 1}`,
    to: `fp${n}`,
    retired: [`fp${n - 1}`],
});

describe("rotation history", () => {
    it("adds the newest entry last and keeps the last ten by default", () => {
        let history: RotationHistoryEntry[] | undefined;
        for (let n = 1; n <= 12; n++) history = withEntry(history, entry(n), undefined);
        assert.deepEqual(
            history?.map((e) => e.to),
            ["fp3", "fp4", "fp5", "fp6", "fp7", "fp8", "fp9", "fp10", "fp11", "fp12"],
        );
    });

    it("keeps historyLength entries, none with 0, and applies a shorter length at the next write", () => {
        const three = [entry(1), entry(2), entry(3)];
        assert.deepEqual(withEntry(three, entry(4), 2), [entry(3), entry(4)]);
        assert.deepEqual(trimmed(three, 0), []);
        assert.deepEqual(trimmed(undefined, 5), []);
    });

    it("refuses a historyLength over the bound at check, naming it, for keys and secrets", () => {
        const over = MAX_HISTORY_LENGTH + 1;
        assert.deepEqual(checkInputs(productApiKeyInputs, { historyLength: over }), [
            { property: "historyLength", reason: "expected at most 50 entries" },
        ]);
        assert.deepEqual(
            checkInputs(externalApplicationSecretInputs, {
                clientId: "c",
                secretTag: "0123456789abcdef",
                historyLength: 2.5,
            }),
            [{ property: "historyLength", reason: "expected a whole number of entries" }],
        );
        assert.deepEqual(checkInputs(productApiKeyInputs, { historyLength: MAX_HISTORY_LENGTH }), []);
    });
});
