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
        const url = emulator.url;
        // One of the emulator's test issuers: it plays GitHub Actions' part, minting tokens for the suite.
        const issuerPath = "/__emulator/oidc/documented-routes";
        return {
            baseUrl: url,
            organization: DEMO.org,
            clientId: DEMO.clientId,
            clientSecret: DEMO.clientSecret,
            federation: {
                issuer: `https://${new URL(url).host}${issuerPath}`,
                mint: async (subject, audience) => {
                    const res = await fetch(`${url}${issuerPath}/token?${new URLSearchParams({ subject, audience })}`);
                    assert.equal(res.status, 200);
                    return ((await res.json()) as { value: string }).value;
                },
            },
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
