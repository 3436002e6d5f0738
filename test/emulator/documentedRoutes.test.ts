/** The documented-route suite (test/documentedRoutes.ts) against the emulator; `npm run test:live` runs it against UiPath. */
import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator";
import { documentedRouteSuite, LIVE_PREFIX } from "../documentedRoutes";
import { DEMO } from "./helpers";

let emulator: Emulator | undefined;

documentedRouteSuite(
    "emulator",
    async () => {
        emulator = await startEmulator();
        return {
            baseUrl: emulator.url,
            organization: DEMO.org,
            clientId: DEMO.clientId,
            clientSecret: DEMO.clientSecret,
        };
    },
    async () => {
        if (!emulator) return;
        // The suite's cleanup left nothing behind.
        const left = emulator.store
            .read()
            .orgs.flatMap((o) => o.externalApps.filter((a) => a.name.startsWith(LIVE_PREFIX)).map((a) => a.name));
        await emulator.close();
        assert.deepEqual(left, [], "every application the suite created was deleted");
    },
);
