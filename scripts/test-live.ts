/**
 * `npm run test:live`: the documented-route tests against a real organization, when
 * UIPATH_LIVE_BASE_URL, UIPATH_LIVE_ORGANIZATION, UIPATH_LIVE_CLIENT_ID and
 * UIPATH_LIVE_CLIENT_SECRET are set; otherwise one line saying it was skipped and why.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const REQUIRED = [
    "UIPATH_LIVE_BASE_URL",
    "UIPATH_LIVE_ORGANIZATION",
    "UIPATH_LIVE_CLIENT_ID",
    "UIPATH_LIVE_CLIENT_SECRET",
];
const missing = REQUIRED.filter((name) => !process.env[name]);
if (missing.length > 0) {
    console.log(
        `live tests skipped: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set (see CONTRIBUTING.md, "Live tests")`,
    );
    process.exit(0);
}
const root = path.join(__dirname, "..");
const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--test", path.join("test", "live", "documentedRoutes.live.ts")],
    { cwd: root, stdio: "inherit" },
);
process.exit(result.status ?? 1);
