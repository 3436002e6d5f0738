/**
 * The route table: every API group the emulator serves, one file per group in `handlers/`.
 * A request is looked up here once, when it arrives (see pipeline.ts).
 *
 * To add a route: add a {@link Route} to its group's `routes` in `handlers/<group>.ts`.
 * To add a group: create `handlers/<group>.ts` exporting a {@link RouteGroup}, list it in
 * {@link API_GROUPS}. Order does not matter: the router prefers more literal segments.
 */
import type { RouteGroup } from "./context";
import { adminGroup } from "./handlers/admin";
import { externalAppGroup } from "./handlers/externalApps";
import { orchestratorGroup } from "./handlers/orchestrator";
import { orchestratorAssetGroup } from "./handlers/orchestratorAssets";
import { orchestratorFolderGroup } from "./handlers/orchestratorFolders";
import { portalGroup } from "./handlers/portal";
import { productGroup } from "./handlers/products";
import { tokenGroup } from "./handlers/tokens";
import { Router, type RouteMatch } from "./router";

/** UiPath's APIs, as the emulator models them. Faulted, rate limited and audited. */
export const API_GROUPS: readonly RouteGroup[] = [
    tokenGroup,
    orchestratorGroup,
    orchestratorFolderGroup,
    orchestratorAssetGroup,
    portalGroup,
    productGroup,
    externalAppGroup,
];

/** Paths of the emulator's own admin routes; nothing of UiPath's lives under it. */
export const ADMIN_PREFIX = "/__emulator/";

export interface RouteLookup {
    /** Under {@link ADMIN_PREFIX}: no fault, rate limit or audit, even when no admin route matches. */
    admin: boolean;
    match: RouteMatch;
}

export interface RouteTableOptions {
    api?: readonly RouteGroup[];
    admin?: RouteGroup;
}

export class RouteTable {
    private readonly api: Router;
    private readonly admin: Router;

    constructor(options: RouteTableOptions = {}) {
        this.api = new Router({ groups: options.api ?? API_GROUPS });
        this.admin = new Router({ groups: [options.admin ?? adminGroup] });
    }

    /** The admin table for admin paths, the API table for the rest: each request is matched once. */
    lookup(method: string, path: string): RouteLookup {
        const admin = path.startsWith(ADMIN_PREFIX);
        return { admin, match: (admin ? this.admin : this.api).match(method, path) };
    }
}
