/**
 * What the OrchestratorAsset engine tests share: the emulator's view of a folder's assets, an
 * administrator's edit in Orchestrator, and the program template.
 */
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import type { AssetState } from "../../emulator/store/orchestrator";
import { DEMO, type Fixture } from "./fixture";

export const OR = `/${DEMO.org}/${DEMO.tenant}/orchestrator_/odata`;
/** The unsalted digest the keys' keyFingerprint uses: it must never be published for an asset's secret. */
export const sha256Prefix = (value: string) => createHash("sha256").update(value).digest("hex").slice(0, 16);
/** A Text/Integer/Bool asset's valueFingerprint: HMAC-SHA256 keyed by the resource's fingerprintSalt. */
export const keyedFingerprint = (salt: string, value: string) =>
    createHmac("sha256", salt).update(value).digest("hex").slice(0, 16);
export const SECRET_MARKER = "secret: as last written by Pulumi";

/** The assets the emulator holds in a folder of demo-org/DefaultTenant (values included: the service's view). */
export function heldAssets(f: Fixture, folder = "Shared"): AssetState[] {
    const orch = f.emulator.store
        .read()
        .orgs.find((o) => o.name === DEMO.org)!
        .tenants.find((t) => t.name === DEMO.tenant)!.orchestrator;
    const folderId = orch.folders.find((x) => x.fullyQualifiedName === folder)!.id;
    return orch.assets.filter((a) => a.folderId === folderId);
}

export function heldAsset(f: Fixture, name: string, folder = "Shared"): AssetState | undefined {
    return heldAssets(f, folder).find((a) => a.name === name);
}

/** Changes an asset as an administrator would in Orchestrator (admin PAT, PUT of the whole DTO). */
export async function editInOrchestrator(f: Fixture, id: number, dto: Record<string, unknown>): Promise<void> {
    const res = await f.api.put(`${OR}/Assets(${id})`, {
        token: DEMO.adminPat,
        headers: { "X-UIPATH-FolderPath": "Shared" },
        json: { ValueScope: "Global", ...dto },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
}
