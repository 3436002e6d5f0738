/**
 * What every Orchestrator Folders/Assets route checks before its own work: the tenant of the
 * URL, the caller's right to the route, and (Assets routes) the folder named by a header.
 * Sources: each route's fidelity record (UiPath's Orchestrator swagger and API guide).
 *
 * Who may call (the emulator's policy; UiPath's folder roles are not modeled):
 *  - external applications: need one of the route's published scopes ("OAuth required scopes"
 *    in swagger v20, e.g. OR.Assets or OR.Assets.Write). Granular scopes reach every folder of
 *    the tenant (documented for tokens without OR.Default). OR.Default alone grants nothing
 *    here: it works through folder role assignments, which the emulator does not model.
 *  - users (personal access tokens): Organization Administrators, and users assigned to the
 *    tenant's Orchestrator service, may do everything; other users get 403 errorCode 0.
 *    (Real PATs carry scopes and folder roles; the emulator's PATs have neither.)
 *  - user-key tokens: the legacy flow was made for these routes; accepted for their own
 *    tenant while the user key they came from is still the current one, else 401.
 * Missing scope or role: 403 `{message: "You are not authorized!", errorCode: 0}` (modeled);
 * the body does not say which scope — clients know which call they made.
 */
import { createHash } from "node:crypto";
import { describeCaller, orgOf, param, type Caller, type RequestContext } from "../context";
import { orchestratorErrors } from "../orchestratorErrors";
import { findFolderByPath, type FolderState, type OrchestratorState } from "../store/orchestrator";
import {
    ORGANIZATION_ADMINISTRATOR,
    findService,
    findTenant,
    findUser,
    sameId,
    type OrgState,
    type TenantState,
} from "../store/state";

/** Published per-route scopes ("OAuth required scopes" of each operation in UiPath/uipathcli@d16b8f937d5c2cda92aa639329e40140fdfc56be:definitions/orchestrator.yaml, e.g. #L2625-L2689). */
export const OR_SCOPES = {
    foldersRead: ["OR.Folders", "OR.Folders.Read"],
    assetsRead: ["OR.Assets", "OR.Assets.Read"],
    assetsWrite: ["OR.Assets", "OR.Assets.Write"],
} as const;

/** The URL's tenant, which must have an Orchestrator service (404 / 1002 otherwise). */
export function orchestratorTenant(ctx: RequestContext): { org: OrgState; tenant: TenantState } {
    const org = orgOf(ctx);
    const name = param(ctx, "tenant");
    const tenant = findTenant(org, name);
    if (!tenant || !findService(tenant, "orchestrator"))
        throw orchestratorErrors.itemNotFound(`Tenant '${name}' with an Orchestrator service`);
    return { org, tenant };
}

/** Refuses callers without one of `anyScope` (apps) or without the role (users); see the header. */
export function authorizeOrchestrator(
    ctx: RequestContext,
    org: OrgState,
    tenant: TenantState,
    anyScope: readonly string[],
): void {
    const caller = ctx.caller;
    switch (caller.kind) {
        case "app":
            if (!anyScope.some((s) => caller.scopes.includes(s))) throw orchestratorErrors.notAuthorized();
            return;
        case "user": {
            const user = findUser(org, caller.userId);
            if (!user) throw orchestratorErrors.notAuthenticated();
            const assigned = user.assignedServices.some(
                (a) => sameId(a.tenant, tenant.name) && sameId(a.service, "orchestrator"),
            );
            if (!user.roles.includes(ORGANIZATION_ADMINISTRATOR) && !assigned) throw orchestratorErrors.notAuthorized();
            return;
        }
        case "userKey": {
            const current = findService(tenant, "orchestrator")?.userKey === caller.userKey;
            if (!sameId(caller.tenant, tenant.name) || !current || !org.userKeyAccess || org.directoryIntegration) {
                throw orchestratorErrors.notAuthenticated();
            }
            return;
        }
        default:
            throw orchestratorErrors.notAuthenticated();
    }
}

/**
 * The folder of a folder-scoped request. "Building API Requests" (Orchestrator API guide,
 * https://docs.uipath.com/orchestrator/automation-suite/2.2510/api-guide/building-api-requests): "each request must contain either the
 * FolderId, FolderPath, or FolderKey in an HTTP header": X-UIPATH-OrganizationUnitId (int64),
 * X-UIPATH-FolderKey, X-UIPATH-FolderPath (plain), X-UIPATH-FolderPath-Encoded (base64 of
 * UTF-16LE). Precedence when several are sent is not documented; here: id, key, path, encoded.
 * None → 400 / 1101; unknown folder → 403 / 1100.
 */
export function folderFromHeaders(ctx: RequestContext, orch: OrchestratorState): FolderState {
    const header = (name: string): string | undefined => {
        const value = ctx.headers[name];
        return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
    };
    const id = header("x-uipath-organizationunitid");
    const key = header("x-uipath-folderkey");
    const path = header("x-uipath-folderpath");
    const encoded = header("x-uipath-folderpath-encoded");
    let folder: FolderState | undefined;
    if (id !== undefined) {
        if (!/^\d{1,18}$/.test(id))
            throw orchestratorErrors.invalidRequest("X-UIPATH-OrganizationUnitId must be a folder Id (an integer).");
        folder = orch.folders.find((f) => f.id === Number(id));
    } else if (key !== undefined) {
        folder = orch.folders.find((f) => sameId(f.key, key));
    } else if (path !== undefined) {
        folder = findFolderByPath(orch, path);
    } else if (encoded !== undefined) {
        folder = findFolderByPath(orch, Buffer.from(encoded, "base64").toString("utf16le"));
    } else {
        throw orchestratorErrors.folderRequired();
    }
    if (!folder) throw orchestratorErrors.folderNotFound();
    return folder;
}

/** Orchestrator records callers as int64 user ids; a stable one per caller (apps included). */
export function callerUserId(caller: Caller): number {
    return createHash("sha256").update(describeCaller(caller)).digest().readUIntBE(0, 6);
}

/** `{B}/{org}/{tenant}/orchestrator_/odata/$metadata#<fragment>`, from the request itself. */
export function metadataContext(ctx: RequestContext, fragment: string): string {
    const host = typeof ctx.headers.host === "string" ? ctx.headers.host : "localhost";
    return `http://${host}/${param(ctx, "org")}/${param(ctx, "tenant")}/orchestrator_/odata/$metadata#${fragment}`;
}
