/**
 * The documented-route suite against a real UiPath organization. Run through `npm run test:live`
 * (scripts/test-live.ts), which checks the UIPATH_LIVE_* variables first. Everything created is
 * named `pulumi-uipath-keys-live-<random>-…` and deleted at the end, even after a failure.
 */
import { documentedRouteSuite } from "../documentedRoutes";

const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set; run through \`npm run test:live\``);
    return value;
};

documentedRouteSuite(`live ${process.env.UIPATH_LIVE_ORGANIZATION ?? ""}`, async () => ({
    baseUrl: env("UIPATH_LIVE_BASE_URL").replace(/\/+$/, ""),
    organization: env("UIPATH_LIVE_ORGANIZATION"),
    clientId: env("UIPATH_LIVE_CLIENT_ID"),
    clientSecret: env("UIPATH_LIVE_CLIENT_SECRET"),
}));
