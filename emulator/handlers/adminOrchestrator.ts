/**
 * Admin handlers for a tenant's Orchestrator content, so a test can set up what a real
 * organization accumulates without going through the API it tests: many assets at once
 * (including PerRobot ones, which the API does not serve here), and a folder deleted out of
 * band. Nothing of UiPath's: routes under /__emulator/ (admin.ts lists them).
 */
import { z } from "zod";
import { orgOf, param, type HandlerResult, type RequestContext } from "../context";
import { errors } from "../errors";
import { newGuid } from "../keys";
import {
    ASSET_VALUE_SCOPES,
    deleteFolder,
    findAssetByName,
    findFolderByPath,
    type AssetState,
} from "../store/orchestrator";
import { findOrg, findTenant, type TenantState } from "../store/state";
import { jsonObject, validate } from "../validate";

/** Text assets only: enough for lookups and scopes; the API serves every value type. */
const SeedAssetsBody = z.strictObject({
    folder: z.string().min(1),
    assets: z
        .array(
            z.strictObject({
                name: z.string().trim().min(1).max(256),
                description: z.string().max(250).nullable().default(null),
                valueScope: z.enum(ASSET_VALUE_SCOPES).default("Global"),
                stringValue: z.string().min(1).max(1_000_000),
            }),
        )
        .min(1)
        .max(10_000),
});

/** The URL's tenant, in a store transaction. */
function inTenant<T>(ctx: RequestContext, change: (tenant: TenantState) => T): T {
    const org = orgOf(ctx);
    const name = param(ctx, "tenant");
    return ctx.deps.store.update((draft) => {
        const tenant = findTenant(findOrg(draft, org.name)!, name);
        if (!tenant) throw errors.tenantNotFound(name);
        return change(tenant);
    });
}

/** POST /__emulator/orgs/:org/tenants/:tenant/assets: creates Text assets in one folder; 201 with their ids. */
export function seedAssets(ctx: RequestContext): HandlerResult {
    const body = validate(SeedAssetsBody, jsonObject(ctx.body));
    const ids = inTenant(ctx, (tenant) => {
        const orch = tenant.orchestrator;
        const folder = findFolderByPath(orch, body.folder);
        if (!folder) throw errors.validationFailed({ folder: [`No folder '${body.folder}' in this tenant.`] });
        return body.assets.map((seed) => {
            if (findAssetByName(orch, folder.id, seed.name))
                throw errors.conflict(`An asset named '${seed.name}' already exists in '${body.folder}'.`);
            const asset: AssetState = {
                id: orch.nextId++,
                key: newGuid(),
                folderId: folder.id,
                name: seed.name,
                description: seed.description,
                valueScope: seed.valueScope,
                valueType: "Text",
                stringValue: seed.stringValue,
                boolValue: false,
                intValue: 0,
                credentialUsername: "",
                credentialPassword: "",
                secretValue: "",
                creationTime: ctx.deps.clock.now(),
                creatorUserId: 0,
                lastModificationTime: null,
                lastModifierUserId: null,
            };
            orch.assets.push(asset);
            return asset.id;
        });
    });
    return { status: 201, body: { ids } };
}

/** DELETE /__emulator/orgs/:org/tenants/:tenant/folders/:folderId: the folder, its subfolders and their assets. */
export function deleteFolderOutOfBand(ctx: RequestContext): HandlerResult {
    const raw = param(ctx, "folderId");
    const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
    const deleted = inTenant(ctx, (tenant) => deleteFolder(tenant.orchestrator, id));
    if (!deleted) throw errors.validationFailed({ folderId: [`No folder ${raw} in this tenant.`] });
    return { status: 204 };
}
