/** The two-phase rotation decisions of ExternalApplicationSecret, on a fixed "now", and the scope checks. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { closestScope, scopeFailures } from "../../provider/runtime/kinds/scopeCheck";
import { externalApplicationSecretInputs } from "../../provider/runtime/kinds/externalApplicationSecret";
import type { ScopeCatalog } from "../../provider/runtime/identity/identityApi";
import {
    describePlan,
    expiryRule,
    newSecretExpiry,
    nextRotationAt,
    planRotation,
    previousAfterRotation,
    previousRetiresAt,
    retiredByRotation,
    rotationRefusal,
    type SecretFacts,
} from "../../provider/runtime/lifecycle/secretRotation";
import { tryUntilAccepted, verifyPausesMs } from "../../provider/runtime/lifecycle/secretVerification";

const t0 = "2027-01-01T00:00:00.000Z";
const day = (n: number) => Date.parse(t0) + n * 86_400_000;
const iso = (n: number) => new Date(day(n)).toISOString();
const held = (extra: Partial<SecretFacts> = {}): SecretFacts => ({
    secretId: 7,
    rotatedAt: t0,
    expiryRule: "none",
    secretExists: true,
    ...extra,
});

describe("planRotation", () => {
    it("rotates when the trigger changes, and not otherwise", () => {
        assert.deepEqual(planRotation(held({ rotationTrigger: "a" }), { rotationTrigger: "a" }, day(400)), {});
        assert.equal(
            planRotation(held({ rotationTrigger: "a" }), { rotationTrigger: "b" }, day(0)).rotate,
            "rotationTrigger changed",
        );
    });

    it("rotates once rotateAfter has passed since the last rotation", () => {
        assert.deepEqual(planRotation(held(), { rotateAfter: "30d" }, day(29)), {});
        assert.match(planRotation(held(), { rotateAfter: "30d" }, day(30)).rotate ?? "", /rotateAfter 30d has passed/);
    });

    it("rotates within renewBefore of the expiry, and when expired", () => {
        const facts = held({ expiresAt: iso(30), expiryRule: "after 30d" });
        assert.deepEqual(planRotation(facts, { expiresAfter: "30d", renewBefore: "7d" }, day(22)), {});
        assert.match(
            planRotation(facts, { expiresAfter: "30d", renewBefore: "7d" }, day(23)).rotate ?? "",
            /within renewBefore 7d/,
        );
        assert.match(planRotation(facts, { expiresAfter: "30d" }, day(30)).rotate ?? "", /expired/);
    });

    it("rotates when the expiry settings change or the secret was deleted outside Pulumi", () => {
        assert.match(planRotation(held(), { expiresAfter: "30d" }, day(0)).rotate ?? "", /expiry settings changed/);
        assert.equal(expiryRule({ expiresAt: iso(10) }), `at ${iso(10)}`);
        assert.match(planRotation(held({ secretExists: false }), {}, day(0)).rotate ?? "", /deleted outside Pulumi/);
    });

    it("retires the previous secret once overlap has passed, without rotating", () => {
        const facts = held({ previousSecretId: 6 });
        assert.deepEqual(planRotation(facts, { overlap: "2d" }, day(1)), {});
        assert.match(planRotation(facts, { overlap: "2d" }, day(2)).retirePrevious ?? "", /overlap 2d has passed/);
        assert.deepEqual(planRotation(held(), { overlap: "2d" }, day(5)), {}, "nothing to retire");
    });
});

describe("dates and the preview line", () => {
    it("computes expiries, the next rotation and when the previous secret retires", () => {
        assert.equal(newSecretExpiry({ expiresAfter: "30d" }, day(3)), iso(33));
        assert.equal(newSecretExpiry({ expiresAt: "2027-02-01T00:00:00Z" }, day(3)), "2027-02-01T00:00:00.000Z");
        assert.equal(newSecretExpiry({}, day(3)), undefined);
        assert.equal(nextRotationAt({ rotateAfter: "40d", renewBefore: "7d" }, t0, iso(30)), iso(23));
        assert.equal(previousRetiresAt({ overlap: "2d" }, t0, iso(23)), iso(2));
        assert.equal(previousRetiresAt({}, t0, undefined), undefined);
    });

    it("names the secret generated, the one kept and the one retired", () => {
        const line = describePlan({ rotate: "rotationTrigger changed" }, held({ previousSecretId: 6 }), "S");
        assert.equal(
            line,
            "S: rotation due (rotationTrigger changed): generates a new secret; secret 7 becomes the previous secret and stays valid; retires previous secret 6.",
        );
        assert.equal(describePlan({}, held(), "S"), undefined);
    });
});

describe("the overlap guard and emergency", () => {
    const rotate = { rotate: "rotationTrigger changed" };
    const hour = 3_600_000;
    // Secret 7 is current since t0 (so 6 was superseded at t0), 6 is the previous one.
    const facts = held({ previousSecretId: 6 });

    it("without overlap, refuses to retire a previous secret superseded the same UTC day, naming it and when it is safe", () => {
        const refusal = rotationRefusal(rotate, facts, {}, day(0) + 23 * hour, "S");
        assert.equal(
            refusal,
            `S: rotation refused (rotationTrigger changed): it would retire previous secret 6, which consumers may still hold: it was superseded at ${t0}, earlier this UTC day (no overlap set). It is safe to retire from ${iso(1)}: run up then, or set emergency: true to rotate now and retire every older secret.`,
        );
        assert.equal(rotationRefusal(rotate, facts, {}, day(1), "S"), undefined, "the next UTC day");
    });

    it("with overlap, refuses until overlap has passed since the previous secret was superseded", () => {
        assert.ok(
            (rotationRefusal(rotate, facts, { overlap: "2d" }, day(1), "S") ?? "").includes(
                `less than overlap 2d ago. It is safe to retire from ${iso(2)}:`,
            ),
        );
        assert.equal(rotationRefusal(rotate, facts, { overlap: "2d" }, day(2), "S"), undefined);
        assert.equal(rotationRefusal(rotate, facts, { overlap: "1h" }, day(0) + hour, "S"), undefined);
    });

    it("lets a rotation through that retires nothing: no previous secret, or the current one deleted outside Pulumi", () => {
        assert.equal(rotationRefusal(rotate, held(), {}, day(0), "S"), undefined);
        const currentGone = held({ previousSecretId: 6, secretExists: false });
        assert.equal(rotationRefusal(rotate, currentGone, {}, day(0), "S"), undefined);
        assert.deepEqual(retiredByRotation(currentGone, {}), []);
        assert.equal(previousAfterRotation(currentGone, {}), 6, "the previous secret stays the previous one");
        assert.match(describePlan(rotate, currentGone, "S") ?? "", /previous secret 6 stays the previous secret\.$/);
    });

    it("emergency skips the guard and retires the previous and the current secret, and the preview says so", () => {
        assert.equal(rotationRefusal(rotate, facts, { emergency: true }, day(0), "S"), undefined);
        assert.deepEqual(retiredByRotation(facts, { emergency: true }), [6, 7]);
        assert.equal(previousAfterRotation(facts, { emergency: true }), undefined);
        assert.equal(
            describePlan(rotate, facts, "S", { emergency: true }),
            "S: EMERGENCY rotation (rotationTrigger changed): generates a new secret and retires every older secret in this run, with no grace: deletes secret(s) 6, 7; consumers still holding them fail until they get the new secret.",
        );
    });

    it("refuses emergency with no rotation cause, naming the field", () => {
        assert.match(
            rotationRefusal({}, facts, { emergency: true }, day(5), "S") ?? "",
            /^S: emergency: true needs a rotation cause/,
        );
        assert.match(
            rotationRefusal({ retirePrevious: "overlap over" }, facts, { emergency: true }, day(5), "S") ?? "",
            /emergency: true needs a rotation cause/,
        );
        assert.equal(rotationRefusal({}, facts, {}, day(0), "S"), undefined);
    });
});

describe("verify's retries", () => {
    it("pauses 1 s, doubling, at most 15 s, adding up to the timeout", () => {
        assert.deepEqual(verifyPausesMs(3_000), [1_000, 2_000]);
        assert.deepEqual(
            verifyPausesMs(120_000),
            [1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000],
        );
        assert.deepEqual(verifyPausesMs(2_500), [1_000, 1_500]);
    });

    it("stops at the first acceptance, or after one attempt more than pauses; errors pass through", async () => {
        const slept: number[] = [];
        const sleep = async (ms: number) => void slept.push(ms);
        let calls = 0;
        assert.deepEqual(await tryUntilAccepted(async () => ++calls >= 3, [1, 2, 4, 8], sleep), {
            accepted: true,
            attempts: 3,
        });
        assert.deepEqual(slept, [1, 2]);
        assert.deepEqual(await tryUntilAccepted(async () => false, [1, 2], sleep), { accepted: false, attempts: 3 });
        await assert.rejects(
            tryUntilAccepted(
                async () => {
                    throw new Error("no answer");
                },
                [1],
                sleep,
            ),
            /no answer/,
        );
    });
});

describe("ExternalApplicationSecret inputs", () => {
    const base = { clientId: "c", secretTag: "0123456789abcdef" };
    const failures = (extra: Record<string, unknown>) => {
        const r = externalApplicationSecretInputs.safeParse({ ...base, ...extra });
        return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    it("refuses contradictory expiry settings, naming the field", () => {
        assert.deepEqual(failures({ expiresAt: "2027-01-01T00:00:00Z", expiresAfter: "30d" }), [
            "expiresAfter: set expiresAt or expiresAfter, not both",
        ]);
        assert.match(failures({ renewBefore: "7d" })[0] ?? "", /^renewBefore: renewBefore needs expiresAfter/);
        assert.match(
            failures({ expiresAfter: "7d", renewBefore: "7d" })[0] ?? "",
            /^renewBefore: renewBefore must be shorter/,
        );
        assert.match(failures({ overlap: "soon" })[0] ?? "", /^overlap: expected a period/);
        assert.deepEqual(failures({ expiresAfter: "30d", renewBefore: "7d", overlap: "1d" }), []);
    });

    it("checks verify, verifyTimeout and emergency, naming the field", () => {
        assert.deepEqual(failures({ verify: true, verifyTimeout: "30s", emergency: true }), []);
        assert.deepEqual(failures({ verifyTimeout: "30s" }), ["verifyTimeout: verifyTimeout needs verify: true"]);
        assert.match(failures({ verify: true, verifyTimeout: "16m" })[0] ?? "", /^verifyTimeout: expected at most 15m/);
        assert.match(failures({ verify: true, verifyTimeout: "soon" })[0] ?? "", /^verifyTimeout: expected a period/);
        assert.match(failures({ verify: "yes" })[0] ?? "", /^verify: /);
        assert.match(failures({ emergency: "now" })[0] ?? "", /^emergency: /);
    });
});

describe("scope checks", () => {
    const catalog: ScopeCatalog = new Map([
        ["OR.Jobs", "userAndApplication"],
        ["OR.Jobs.Read", "userAndApplication"],
        ["PM.User", "application"],
    ]);
    it("names every unknown scope with a likely intended one, and scopes used the wrong way", () => {
        assert.equal(closestScope(catalog, "OR.Jobs.Raed"), "OR.Jobs.Read");
        assert.equal(closestScope(catalog, "Completely.Different"), undefined);
        assert.deepEqual(scopeFailures(catalog, ["OR.Jobs", "OR.Jbos", "X.Y"], "applicationScopes", "application"), [
            {
                property: "applicationScopes",
                reason: "applicationScopes: 'OR.Jbos' is not in the organization's scope catalog (did you mean 'OR.Jobs'?); 'X.Y' is not in the organization's scope catalog",
            },
        ]);
        assert.match(
            scopeFailures(catalog, ["PM.User"], "userScopes", "user")[0]?.reason ?? "",
            /'PM.User' can only be an application scope/,
        );
    });
});
