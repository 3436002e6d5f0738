/** The injectable clock and the admin route that moves it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock, startEmulator, systemClock } from "../../emulator";
import { Api, DEMO, T0, errorCode, withEmulator } from "./helpers";

describe("ManualClock", () => {
    it("moves only when told to", () => {
        const clock = new ManualClock(T0);
        assert.equal(clock.now(), T0);
        clock.advance(1500);
        assert.equal(clock.now(), T0 + 1500);
        clock.set(42);
        assert.equal(clock.now(), 42);
        assert.equal(new ManualClock(new Date(T0)).now(), T0);
    });

    it("refuses a time no Date can hold and stays where it was", () => {
        const clock = new ManualClock(T0);
        for (const ms of [Infinity, NaN, 1e300, -1e300]) {
            assert.throws(() => clock.advance(ms), RangeError);
            assert.throws(() => clock.set(ms), RangeError);
        }
        assert.equal(clock.now(), T0);
        assert.throws(() => new ManualClock(8.64e15 + 1), RangeError);
    });
});

describe("clock admin routes", () => {
    it("advance a manual clock, which expires tokens", () =>
        withEmulator(async ({ api }) => {
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            const res = await api.post("/__emulator/clock/advance", { json: { seconds: 3600 } });
            assert.equal(res.status, 200);
            assert.deepEqual(res.body, { now: "2025-01-01T01:00:00.000Z", manual: true });
            const info = await api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, {
                token,
            });
            assert.equal(info.status, 401);
        }));

    it("answer 409 on the system clock", async () => {
        const emu = await startEmulator({ clock: systemClock });
        try {
            const api = new Api(emu.url);
            const res = await api.post("/__emulator/clock/advance", { json: { seconds: 1 } });
            assert.equal(res.status, 409);
            assert.equal(((await api.get("/__emulator/clock")).body as { manual: boolean }).manual, false);
        } finally {
            await emu.close();
        }
    });

    it("refuse a body without seconds", () =>
        withEmulator(async ({ api }) => {
            const res = await api.post("/__emulator/clock/advance", { json: {} });
            assert.equal(res.status, 400);
            assert.deepEqual((res.body as { errors: unknown }).errors, { seconds: ["The seconds field is required."] });
        }));

    it("refuse an absurd advance with 400 naming seconds, and every route keeps working", () =>
        withEmulator(async ({ api }) => {
            const century = 100 * 365.25 * 24 * 3600;
            for (const raw of [
                '{"seconds":1e300}',
                '{"seconds":1e309}',
                '{"seconds":-1}',
                `{"seconds":${century + 1}}`,
                '{"seconds":"60"}',
                '{"seconds":null}',
            ]) {
                const res = await api.post("/__emulator/clock/advance", {
                    headers: { "Content-Type": "application/json" },
                    raw,
                });
                assert.equal(res.status, 400, raw);
                assert.equal(errorCode(res), "ValidationFailed", raw);
                assert.deepEqual(
                    (res.body as { errors: unknown }).errors,
                    { seconds: [`seconds must be a number from 0 to ${century} (100 years).`] },
                    raw,
                );
            }
            assert.deepEqual((await api.get("/__emulator/clock")).body, {
                now: "2025-01-01T00:00:00.000Z",
                manual: true,
            });
            assert.equal(
                (await api.get(`/${DEMO.org}/portal_/api/apiAccess/computerVision`, { token: DEMO.adminPat })).status,
                200,
            );

            const res = await api.post("/__emulator/clock/advance", { json: { seconds: century } });
            assert.equal(res.status, 200, "a century is allowed");
            assert.deepEqual(res.body, { now: new Date(T0 + century * 1000).toISOString(), manual: true });
            assert.equal(
                (await api.get(`/${DEMO.org}/portal_/api/apiAccess/computerVision`, { token: DEMO.adminPat })).status,
                200,
            );
        }));

    it("refuse, with 400, an advance past the end of time from a clock started near it", () =>
        withEmulator({ clock: new ManualClock(8.64e15 - 1000) }, async ({ api }) => {
            const res = await api.post("/__emulator/clock/advance", { json: { seconds: 2 } });
            assert.equal(res.status, 400);
            assert.match(JSON.stringify((res.body as { errors: unknown }).errors), /cannot move past/);
            assert.equal((await api.get("/__emulator/clock")).status, 200);
        }));
});
