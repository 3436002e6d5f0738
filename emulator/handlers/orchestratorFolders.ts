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

/**
 * FolderDto (UiPath/uipathcli@d16b8f937d5c2cda92aa639329e40140fdfc56be:definitions/orchestrator.yaml#L29225-L29314), plus FullyQualifiedNameOrderable and IsActive, which
 * UiPath's PowerShell module reads (UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8:UiPathOrch/OrchEntities.cs#L1307-L1334).
 */
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
    "Key",
    "DisplayName",
    "FullyQualifiedName",
    "FullyQualifiedNameOrderable",
    "Description",
    "FolderType",
    "IsPersonal",
    "ProvisionType",
    "PermissionModel",
    "ParentId",
    "ParentKey",
    "IsActive",
    "FeedType",
    "Id",
];

function listFolders(ctx: RequestContext): HandlerResult {
    const { org, tenant } = orchestratorTenant(ctx);
    authorizeOrchestrator(ctx, org, tenant, OR_SCOPES.foldersRead);
    const orch = tenant.orchestrator;
    const rows = orch.folders.map((f) => folderDto(f, orch));
    return {
        status: 200,
        body: collection(rows, ctx.query, {
            context: metadataContext(ctx, "Folders"),
            filterable: ["FullyQualifiedName", "DisplayName", "Id"],
            fields: FOLDER_FIELDS,
        }),
    };
}

/** GET /odata/Folders({id}); reached through the entity-key route in orchestratorAssets.ts. */
export function getFolder(ctx: RequestContext, id: number): HandlerResult {
    const { org, tenant } = orchestratorTenant(ctx);
    authorizeOrchestrator(ctx, org, tenant, OR_SCOPES.foldersRead);
    const folder = tenant.orchestrator.folders.find((f) => f.id === id);
    if (!folder) throw orchestratorErrors.itemNotFound(`Folder ${id}`);
    return {
        status: 200,
        body: entity(folderDto(folder, tenant.orchestrator), ctx.query, metadataContext(ctx, "Folders/$entity")),
    };
}

export const orchestratorFolderGroup: RouteGroup = {
    name: "orchestratorFolders",
    routes: [
        // fidelity: documented — sources: swagger v20 `Folders_Get` (scopes OR.Folders or OR.Folders.Read, OData
        // $filter/$top/$skip/$count/$select, no folder header); uipathcli's orchestrator_client.go
        // ($filter=FullyQualifiedName eq '…', empty `value` = unknown folder); the extra fields
        // FullyQualifiedNameOrderable and IsActive from UiPath's PowerShell module's FolderDto. Lines in the record.
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
                    "UiPath-Services/UiPathOrch@4f6263d0efb2b654874da9e6ec5bc6855b063da8:UiPathOrch/OrchEntities.cs#L1307-L1334 (FolderDto as UiPath's PowerShell module reads it)",
                ],
                note: "FullyQualifiedNameOrderable and IsActive observed in UiPath's PowerShell module",
            },
            handler: orchestratorHandler(listFolders),
        },
    ],
};
