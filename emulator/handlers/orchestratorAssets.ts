/**
 * Orchestrator Assets: list/lookup, read, create, update and delete the assets of one folder,
 * chosen by a folder header. Values are stored; reads withhold passwords and secrets
 * (assetDto.ts). Sources: each route's fidelity record; where sources contradict, the
 * choice made is in the README's "What is real and what is modeled".
 *
 * GetFiltered's `$filter` on Name is a case-insensitive *contains* over Name and Description,
 * as "Assets requests" (Orchestrator API guide) documents; the deprecated `GET /Assets` keeps
 * `eq` exact (case-insensitive). Both honour `$top` (at most 1000) and `$skip` (odata.ts).
 *
 * Not modeled: per-robot and per-user values (a PerRobot asset exists only through the admin
 * seed route, with no robot values), sharing to several folders, credential stores, the
 * robot-side GetRobotAssetByNameForRobotKey (no robots here).
 */
import type { Fidelity, HandlerResult, RequestContext, Route, RouteGroup } from "../context";
import { errors } from "../errors";
import { newGuid } from "../keys";
import { collection, entity, entityKey, type ContainsOver } from "../odata";
import { orchestratorErrors, orchestratorHandler } from "../orchestratorErrors";
import { findAssetByName, type AssetState, type FolderState, type OrchestratorState } from "../store/orchestrator";
import { findOrg, findTenant, type OrgState, type TenantState } from "../store/state";
import { jsonObject } from "../validate";
import { ASSET_FIELDS, assetDto, parseAssetBody } from "./assetDto";
import {
    authorizeOrchestrator,
    callerUserId,
    folderFromHeaders,
    metadataContext,
    OR_SCOPES,
    orchestratorTenant,
} from "./orchestratorAccess";
import { getFolder } from "./orchestratorFolders";

interface Scoped {
    org: OrgState;
    tenant: TenantState;
    folder: FolderState;
}

/** Tenant, then the caller's scope, then the folder header: 404, 403 / 0, 400 / 1101, 403 / 1100. */
function scoped(ctx: RequestContext, anyScope: readonly string[]): Scoped {
    const { org, tenant } = orchestratorTenant(ctx);
    authorizeOrchestrator(ctx, org, tenant, anyScope);
    return { org, tenant, folder: folderFromHeaders(ctx, tenant.orchestrator) };
}

/** Applies `change` to the tenant's Orchestrator state in a store transaction. */
function updateOrchestrator<T>(ctx: RequestContext, s: Scoped, change: (orch: OrchestratorState) => T): T {
    return ctx.deps.store.update((draft) => {
        const tenant = findTenant(findOrg(draft, s.org.name)!, s.tenant.name)!;
        return change(tenant.orchestrator);
    });
}

/** The asset `id` in the request's folder; an asset of another folder is not found there either. */
function assetIn(orch: OrchestratorState, folder: FolderState, id: number): AssetState {
    const asset = orch.assets.find((a) => a.id === id && a.folderId === folder.id);
    if (!asset) throw orchestratorErrors.itemNotFound(`Asset ${id}`);
    return asset;
}

/** GetFiltered: `Name` terms are a contains over Name and Description (see the header). */
const GET_FILTERED_CONTAINS = { property: "Name", over: ["Name", "Description"] } as const;

function listAssets(ctx: RequestContext, contains?: ContainsOver): HandlerResult {
    const s = scoped(ctx, OR_SCOPES.assetsRead);
    const rows = s.tenant.orchestrator.assets.filter((a) => a.folderId === s.folder.id).map(assetDto);
    return {
        status: 200,
        body: collection(rows, ctx.query, {
            context: metadataContext(ctx, "Assets"),
            filterable: ["Name", "ValueType", "Id"],
            fields: ASSET_FIELDS,
            contains,
        }),
    };
}

function getAsset(ctx: RequestContext, id: number): HandlerResult {
    const s = scoped(ctx, OR_SCOPES.assetsRead);
    const asset = assetIn(s.tenant.orchestrator, s.folder, id);
    return { status: 200, body: entity(assetDto(asset), ctx.query, metadataContext(ctx, "Assets/$entity")) };
}

function createAsset(ctx: RequestContext): HandlerResult {
    const s = scoped(ctx, OR_SCOPES.assetsWrite);
    const write = parseAssetBody(jsonObject(ctx.body));
    const created = updateOrchestrator(ctx, s, (orch) => {
        if (findAssetByName(orch, s.folder.id, write.name)) throw orchestratorErrors.nameAlreadyUsed(write.name);
        const asset: AssetState = {
            id: orch.nextId++,
            key: newGuid(),
            folderId: s.folder.id,
            name: write.name,
            description: write.description,
            valueScope: "Global",
            ...write.value,
            creationTime: ctx.deps.clock.now(),
            creatorUserId: callerUserId(ctx.caller),
            lastModificationTime: null,
            lastModifierUserId: null,
        };
        orch.assets.push(asset);
        return asset;
    });
    return {
        status: 201,
        body: entity(assetDto(created), new URLSearchParams(), metadataContext(ctx, "Assets/$entity")),
    };
}

function putAsset(ctx: RequestContext, id: number): HandlerResult {
    const s = scoped(ctx, OR_SCOPES.assetsWrite);
    updateOrchestrator(ctx, s, (orch) => {
        const asset = assetIn(orch, s.folder, id);
        const write = parseAssetBody(jsonObject(ctx.body), asset);
        if (write.id !== undefined && write.id !== id)
            throw orchestratorErrors.invalidRequest("The Id in the body does not match the key in the URL.");
        const clash = findAssetByName(orch, s.folder.id, write.name);
        if (clash && clash.id !== id) throw orchestratorErrors.nameAlreadyUsed(write.name);
        Object.assign(asset, {
            name: write.name,
            description: write.description,
            valueScope: "Global",
            ...write.value,
        });
        // Every PUT counts as a modification, as in an audited entity: clients see it as drift.
        asset.lastModificationTime = ctx.deps.clock.now();
        asset.lastModifierUserId = callerUserId(ctx.caller);
    });
    return { status: 200 };
}

function deleteAsset(ctx: RequestContext, id: number): HandlerResult {
    const s = scoped(ctx, OR_SCOPES.assetsWrite);
    updateOrchestrator(ctx, s, (orch) => {
        const asset = assetIn(orch, s.folder, id);
        orch.assets.splice(orch.assets.indexOf(asset), 1);
    });
    return { status: 204 };
}

/** `Assets(12)` or `Folders(3)`: one route for the entity-key segment, which the router cannot split. */
function byKey(handlers: {
    assets: (ctx: RequestContext, id: number) => HandlerResult;
    folders?: (ctx: RequestContext, id: number) => HandlerResult;
}) {
    return orchestratorHandler((ctx) => {
        const segment = ctx.params.entity ?? "";
        const assetId = entityKey(segment, "Assets");
        if (assetId !== undefined) return handlers.assets(ctx, assetId);
        const folderId = entityKey(segment, "Folders");
        if (folderId !== undefined && handlers.folders) return handlers.folders(ctx, folderId);
        throw errors.routeNotFound(ctx.method, ctx.path);
    });
}

const ODATA = "/:org/:tenant/orchestrator_/odata";
const route = (
    method: Route["method"],
    pattern: string,
    handler: Route["handler"],
    fidelity: Fidelity,
    body: Route["body"] = "none",
): Route => ({
    method,
    pattern: `${ODATA}${pattern}`,
    body,
    auth: "bearer",
    errorStyle: "portal",
    mutating: method !== "GET",
    fidelity,
    handler,
});

/** SW: UiPath's Orchestrator swagger v20 as vendored by uipathcli (the lines cited below). */
const SW = "UiPath/uipathcli@d16b8f937d5c2cda92aa639329e40140fdfc56be:definitions/orchestrator.yaml";
const CODES =
    "Response codes (Orchestrator API guide): https://docs.uipath.com/orchestrator/automation-cloud/latest/api-guide/response-codes";
const ASSETS_REQUESTS =
    "Assets requests (Orchestrator API guide; $filter is a contains over Name and Description): https://docs.uipath.com/orchestrator/automation-cloud-dedicated/latest/api-guide/assets-requests";

export const orchestratorAssetGroup: RouteGroup = {
    name: "orchestratorAssets",
    routes: [
        // fidelity: documented — sources: swagger v20 `Assets_GetFiltered` (SW#L2625-L2689: scopes OR.Assets or
        // OR.Assets.Read, folder header, OData options); UiPath's Python SDK asks `$filter=Name eq '…'&$top=1`
        // (UiPath/uipath-python@c8ca9d716735731f9dad394b87dce83c344b5428:
        // packages/uipath-platform/src/uipath/platform/orchestrator/_assets_service.py#L627); errors 1101 and 1100:
        // see orchestratorErrors.ts.
        route(
            "GET",
            "/Assets/UiPath.Server.Configuration.OData.GetFiltered",
            orchestratorHandler((ctx) => listAssets(ctx, GET_FILTERED_CONTAINS)),
            {
                status: "documented",
                sources: [`${SW}#L2625-L2689 (Assets_GetFiltered)`, ASSETS_REQUESTS, CODES],
                note: "`$filter` on Name is a contains over Name and Description, as documented; how it combines with other terms is modeled",
            },
        ),
        // fidelity: documented (deprecated, "Replaced by GetFiltered") — sources: swagger v20 `Assets_Get` L2269-2331.
        route(
            "GET",
            "/Assets",
            orchestratorHandler((ctx) => listAssets(ctx)),
            {
                status: "documented",
                sources: [`${SW}#L2269-L2331 (Assets_Get, deprecated: "Replaced by GetFiltered")`],
            },
        ),
        // fidelity: documented — sources: swagger v20 `Assets_Post` SW#L2332-L2404 (OR.Assets or OR.Assets.Write,
        // 201 AssetDto); "Response codes" (1001 NameAlreadyUsed "The name … is already used."). Modeled: the
        // HTTP status of a name clash (the guide gives none), which value fields are required per type,
        // Global scope only (see assetDto.ts).
        route(
            "POST",
            "/Assets",
            orchestratorHandler(createAsset),
            {
                status: "documented",
                sources: [`${SW}#L2332-L2404 (Assets_Post)`, CODES],
                note: "required value fields per type and Global scope only are modeled",
            },
            "json",
        ),
        // fidelity: documented — sources: swagger v20 `Assets_GetById` SW#L2405-L2448 (OR.Assets or OR.Assets.Read) and
        // `Folders_GetById` SW#L6305-L6340 (OR.Folders or OR.Folders.Read, no folder header); 1002 ItemNotFound from
        // "Response codes" (its 404 status is modeled: the guide gives none). Modeled: the masking of CredentialPassword
        // and SecretValue as "" (documented only for the per-robot read, GetRobotAssetByRobotId in "Assets requests").
        route("GET", "/:entity", byKey({ assets: getAsset, folders: getFolder }), {
            status: "documented",
            sources: [`${SW}#L2405-L2448 (Assets_GetById)`, `${SW}#L6305-L6340 (Folders_GetById)`, CODES],
            note: '`Assets({id})` and `Folders({id})`; masking CredentialPassword and SecretValue as "" is modeled',
        }),
        // fidelity: documented — sources: swagger v20 `Assets_PutById` SW#L2449-L2524 (OR.Assets or OR.Assets.Write,
        // 200 with no content; the body is the whole AssetDto); 1001 on a rename clash ("Response codes"). Modeled:
        // LastModificationTime bumps on every PUT; an empty password/secret keeps the stored one.
        route(
            "PUT",
            "/:entity",
            byKey({ assets: putAsset }),
            {
                status: "documented",
                sources: [`${SW}#L2449-L2524 (Assets_PutById: 200, no content)`, CODES],
                note: "`Assets({id})`; LastModificationTime on every PUT and an empty password/secret keeping the stored one are modeled",
            },
            "json",
        ),
        // fidelity: documented — sources: swagger v20 `Assets_DeleteById` SW#L2525-L2554 (OR.Assets or OR.Assets.Write).
        // Modeled: 204 on success and 404 for an unknown id.
        route("DELETE", "/:entity", byKey({ assets: deleteAsset }), {
            status: "documented",
            sources: [`${SW}#L2525-L2554 (Assets_DeleteById)`],
            note: "`Assets({id})`",
        }),
    ],
};
