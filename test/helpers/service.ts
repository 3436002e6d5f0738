/**
 * What the tests ask the emulated service, in their words: the key it holds now, whether a
 * key works, which mutating calls a run made. One place, so every test asks the same way.
 */
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { USER_KEY_CLIENT_ID, type AuditEntry, type Emulator } from "../../emulator";
import { DEMO, type Api } from "../emulator/helpers";

/** The part of a fixture these helpers need. */
export interface Service {
    emulator: Emulator;
    api: Api;
}

export type ProductKeyKind = "documentUnderstanding" | "computerVision";

/** An Organization Administrator's personal access token for each seeded organization. */
const ADMIN_PAT: Record<string, string> = {
    [DEMO.org]: DEMO.adminPat,
    "aad-org": DEMO.aadAdminPat,
    "retired-org": DEMO.retiredAdminPat,
};

function adminPat(org: string): string {
    const pat = ADMIN_PAT[org];
    assert.ok(pat, `no administrator token known for organization ${org}`);
    return pat;
}

/** The Orchestrator user key the emulator holds now for a tenant (DefaultTenant of demo-org by default). */
export async function heldUserKey(s: Service, org: string = DEMO.org, tenant: string = DEMO.tenant): Promise<string> {
    const res = await s.api.request("GET", `/${org}/portal_/api/apiAccess/tenants/${tenant}/services/orchestrator`, {
        token: adminPat(org),
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { userKey: string }).userKey;
}

/** The product API key the emulator holds now for an organization (demo-org by default). */
export async function heldProductKey(s: Service, product: ProductKeyKind, org: string = DEMO.org): Promise<string> {
    const res = await s.api.request("GET", `/${org}/portal_/api/apiAccess/${product}`, { token: adminPat(org) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { apiKey: string }).apiKey;
}

/** Regenerates the user key outside Pulumi, as someone in the portal would; returns the new key. */
export async function regenerateUserKeyOutOfBand(
    s: Service,
    org: string = DEMO.org,
    tenant: string = DEMO.tenant,
): Promise<string> {
    const res = await s.api.request(
        "POST",
        `/${org}/portal_/api/apiAccess/tenants/${tenant}/services/orchestrator/revoke`,
        { token: adminPat(org) },
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { userKey: string }).userKey;
}

/** Whether a user key is accepted by the documented token exchange. */
export async function userKeyWorks(s: Service, userKey: string): Promise<boolean> {
    const res = await s.api.request("POST", "/oauth/token", {
        json: { grant_type: "refresh_token", client_id: USER_KEY_CLIENT_ID, refresh_token: userKey },
    });
    return res.status === 200;
}

/** Whether Document Understanding accepts a key as `org`'s (metering validate: consumes nothing). */
export async function duKeyWorks(s: Service, key: string, org: string = DEMO.org): Promise<boolean> {
    const res = await s.api.request("POST", "/metering/validate", {
        headers: { "X-UIPATH-License": key },
        json: { productName: "DU", modelName: "check" },
    });
    const orgId = s.emulator.store.read().orgs.find((o) => o.name === org)?.id;
    return res.status === 200 && (res.body as { accountId?: string }).accountId === orgId;
}

/** A position in the audit log: pass it to {@link mutatingCallsSince} to see what happened after it. */
export const auditMark = (s: Service): number => s.emulator.audit().length;

/** Every request since `mark`. */
export const callsSince = (s: Service, mark: number): AuditEntry[] => s.emulator.audit().slice(mark);

/** Requests since `mark` that change the service's state (whatever their answer). */
export const mutatingCallsSince = (s: Service, mark: number): AuditEntry[] =>
    callsSince(s, mark).filter((e) => e.mutating);

/** The path suffix of each key kind's regeneration call (Orchestrator calls it "revoke"). */
const REGENERATE_PATH = {
    orchestrator: /\/services\/orchestrator\/revoke$/,
    documentUnderstanding: /\/documentUnderstanding\/regenerate$/,
    computerVision: /\/computerVision\/regenerate$/,
} as const;

/** How many times the service has regenerated a key of this kind since it started (answered 200). */
export const regenerations = (s: Service, kind: keyof typeof REGENERATE_PATH): number =>
    s.emulator.audit().filter((e) => e.mutating && e.status === 200 && REGENERATE_PATH[kind].test(e.path)).length;

/** One fault rule, as `PUT /__emulator/faults` takes it. */
export interface FaultRule {
    method?: string;
    path: string;
    status?: number;
    latencyMs?: number;
    count?: number;
}

export async function injectFaults(s: Service, faults: FaultRule[]): Promise<void> {
    const res = await s.api.request("PUT", "/__emulator/faults", { json: { faults } });
    assert.ok(res.status >= 200 && res.status < 300, `faults refused: ${JSON.stringify(res.body)}`);
}

/** Fault rules not yet used up (a rule with a count disappears once it has fired that often). */
export async function pendingFaults(s: Service): Promise<unknown[]> {
    const res = await s.api.request("GET", "/__emulator/faults");
    return (res.body as { faults: unknown[] }).faults;
}

/**
 * How long {@link until} waits by default: far longer than any single step takes on a
 * loaded machine, so hitting it means the awaited thing is not going to happen.
 */
export const UNTIL_TIMEOUT_MS = 60_000;
/** How often {@link until} looks again: cheap for the emulator, short next to a CLI run. */
const POLL_INTERVAL_MS = 100;

/** Waits until `condition` holds; throws naming `what` after `timeoutMs`. */
export async function until(
    what: string,
    condition: () => Promise<boolean> | boolean,
    timeoutMs = UNTIL_TIMEOUT_MS,
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(POLL_INTERVAL_MS);
    }
}
