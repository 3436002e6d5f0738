/** The injectable clock and the admin route that moves it. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ManualClock, startEmulator, systemClock } from "../../emulator";
import { Api, DEMO, T0, withEmulator } from "./helpers";

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
});

describe("clock admin routes", () => {
    it("advance a manual clock, which expires tokens", () =>
        withEmulator(async ({ api }) => {
            const token = await api.appToken(DEMO.org, DEMO.clientId, DEMO.clientSecret);
            const res = await api.post("/__emulator/clock/advance", { json: { seconds: 3600 } });
            assert.equal(res.status, 200);
            assert.deepEqual(res.body, { now: "2025-01-01T01:00:00.000Z", manual: true });
            const info = await api.get(`/${DEMO.org}/portal_/api/filtering/leftnav/tenantsAndOrganizationInfo`, { token });
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
            assert.equal((await api.post("/__emulator/clock/advance", { json: {} })).status, 400);
        }));
});
