/**
 * Orchestrator Folders (read only): how a client turns a folder path into the folder Id that
 * Assets routes take in X-UIPATH-OrganizationUnitId. Folders routes take no folder header.
 * Sources: each route's fidelity record (UiPath's Orchestrator swagger and API guide).
 */
import type { HandlerResult, RequestContext, RouteGroup } from "../context";
import { collection, entity } from "../odata";
import { orchestratorErrors, orchestratorHandler } from "../orchestratorErrors";
import type { FolderState, OrchestratorState } from "../store/orchestrator";
import { authorizeOrchestrator, metadataContext, OR_SCOPES, orchestratorTenant } from "./orchestratorAccess";

/** FolderDto (SW L29225-29314), plus FullyQualifiedNameOrderable and IsActive (observed in a saved response). */
export function folderDto(folder: FolderState, orch: OrchestratorState): Record<string, unknown> {
    const parent = folder.parentId === null ? undefined : orch.folders.find((f) => f.id === folder.parentId);
    return {
        Key: folder.key,
        DisplayName: folder.displayName,
        FullyQualifiedName: folder.fullyQualifiedName,
        FullyQualifiedNameOrderable: folder.fullyQualifiedName,
        Description: null,
        FolderType: "Standard",
        IsPersonal: false,
        ProvisionType: "Automatic",
        PermissionModel: "FineGrained",
        ParentId: folder.parentId,
        ParentKey: parent?.key ?? null,
        IsActive: true,
        FeedType: "Processes",
        Id: folder.id,
    };
}

/** What `$select` may name. */
const FOLDER_FIELDS = [
    "Key", "DisplayName", "FullyQualifiedName", "FullyQualifiedNameOrderable", "Description", "FolderType", "IsPersonal",
    "ProvisionType", "PermissionModel", "ParentId", "ParentKey", "IsActive", "FeedType", "Id",
];

function listFolders(ctx: RequestContext): HandlerResult {
    const { org, tenant } = orchestratorTenant(ctx);
    authorizeOrchestrator(ctx, org, tenant, OR_SCOPES.foldersRead);
    const orch = tenant.orchestrator;
    const rows = orch.folders.map((f) => folderDto(f, orch));
    return {
        status: 200,
        body: collection(rows, ctx.query, { context: metadataContext(ctx, "Folders"), filterable: ["FullyQualifiedName", "DisplayName", "Id"], fields: FOLDER_FIELDS }),
    };
}

/** GET /odata/Folders({id}); reached through the entity-key route in orchestratorAssets.ts. */
export function getFolder(ctx: RequestContext, id: number): HandlerResult {
    const { org, tenant } = orchestratorTenant(ctx);
    authorizeOrchestrator(ctx, org, tenant, OR_SCOPES.foldersRead);
    const folder = tenant.orchestrator.folders.find((f) => f.id === id);
    if (!folder) throw orchestratorErrors.itemNotFound(`Folder ${id}`);
    return { status: 200, body: entity(folderDto(folder, tenant.orchestrator), ctx.query, metadataContext(ctx, "Folders/$entity")) };
}

export const orchestratorFolderGroup: RouteGroup = {
    name: "orchestratorFolders",
    routes: [
        // fidelity: documented — sources: swagger v20 `Folders_Get` (uipathcli definitions/orchestrator.yaml
        // @ d16b8f93 L6154-6210: scopes OR.Folders or OR.Folders.Read, OData $filter/$top/$skip/$count/$select,
        // no folder header); uipathcli utils/api/orchestrator_client.go L39-80 ($filter=FullyQualifiedName eq '…',
        // empty `value` = unknown folder); Marketplace guide "Build a connector — How to authenticate";
        // envelope and extra fields (FullyQualifiedNameOrderable, IsActive) observed in a UiPath Postman
        // collection and uipath-typescript's FolderGetResponse.
        {
            method: "GET",
            pattern: "/:org/:tenant/orchestrator_/odata/Folders",
            body: "none",
            auth: "bearer",
            errorStyle: "portal",
            mutating: false,
            fidelity: {
                status: "documented",
                sources: [
                    "UiPath/uipathcli@d16b8f937d5c2cda92aa639329e40140fdfc56be:definitions/orchestrator.yaml#L6154-L6210 (Folders_Get)",
                    "UiPath/uipathcli@d16b8f937d5c2cda92aa639329e40140fdfc56be:utils/api/orchestrator_client.go#L39-L80 ($filter=FullyQualifiedName eq '…')",
                ],
                note: "extra FolderDto fields observed in a UiPath request collection",
            },
            handler: orchestratorHandler(listFolders),
        },
    ],
};
