/**
 * Portal management routes (modeled on UiPath's internal `portal_` APIs, which are not public):
 * organization info, Orchestrator API access (user keys), Document Understanding and Computer
 * Vision API keys. Checks run in the order org flags → tenant/service → caller.
 */
import { USER_KEY_CLIENT_ID } from "../config";
import { orgOf, param, type HandlerResult, type RequestContext, type Route, type RouteGroup } from "../context";
import { errors } from "../errors";
import { newKey } from "../keys";
import {
    SCOPES,
    authorize,
    requireManagementCaller,
    requireNoDirectoryIntegration,
    requireUserKeyAccess,
} from "../permissions";
import { findOrg, findService, findTenant, type OrgState, type State } from "../store/state";

const BASE = "/:org/portal_/api";

function organizationInfo(ctx: RequestContext): HandlerResult {
    const org = orgOf(ctx);
    requireManagementCaller(ctx.caller);
    return {
        status: 200,
        body: {
            organization: { id: org.id, name: org.name },
            tenants: org.tenants.map((t) => ({ id: t.id, name: t.name, services: t.services.map((s) => s.name) })),
        },
    };
}

/** Org checks, then the tenant's service with API access, then the caller. */
function locateApiAccess(ctx: RequestContext, write: boolean): { tenant: string; service: string } {
    const org = orgOf(ctx);
    requireNoDirectoryIntegration(org);
    requireUserKeyAccess(org);
    const tenant = findTenant(org, param(ctx, "tenant"));
    if (!tenant) throw errors.tenantNotFound(param(ctx, "tenant"));
    const service = findService(tenant, param(ctx, "service"));
    if (!service || service.userKey === null) throw errors.serviceNotFound(tenant.name, param(ctx, "service"));
    authorize(org, ctx.caller, {
        anyScope: write ? SCOPES.apiAccessWrite : SCOPES.apiAccessRead,
        assignedTo: { tenant: tenant.name, service: service.name },
    });
    return { tenant: tenant.name, service: service.name };
}

function apiAccessView(org: OrgState, tenantName: string, serviceName: string): HandlerResult {
    const tenant = findTenant(org, tenantName);
    const service = tenant && findService(tenant, serviceName);
    if (!tenant || !service?.userKey) throw errors.internalServerError();
    return {
        status: 200,
        body: { userKey: service.userKey, accountLogicalName: org.name, tenantName: tenant.name, clientId: USER_KEY_CLIENT_ID },
    };
}

/** The org inside a draft state (the request's snapshot is stale once update() runs). */
function draftOrg(draft: State, org: OrgState): OrgState {
    const found = findOrg(draft, org.name);
    if (!found) throw errors.internalServerError();
    return found;
}

function getApiAccess(ctx: RequestContext): HandlerResult {
    const { tenant, service } = locateApiAccess(ctx, false);
    return apiAccessView(orgOf(ctx), tenant, service);
}

/** Revoking replaces the key: the old one, and every token obtained from it, stop working. */
function revokeApiAccess(ctx: RequestContext): HandlerResult {
    const { tenant, service } = locateApiAccess(ctx, true);
    return ctx.deps.store.update((draft) => {
        const org = draftOrg(draft, orgOf(ctx));
        const target = findService(findTenant(org, tenant)!, service)!;
        target.userKey = newKey();
        return apiAccessView(org, tenant, service);
    });
}

type ProductKey = "documentUnderstandingApiKey" | "computerVisionApiKey";

function productKeyRoutes(segment: string, field: ProductKey): Route[] {
    const check = (ctx: RequestContext, write: boolean): OrgState => {
        const org = orgOf(ctx);
        requireNoDirectoryIntegration(org);
        authorize(org, ctx.caller, { anyScope: write ? SCOPES.apiAccessWrite : SCOPES.apiAccessRead });
        return org;
    };
    return [
        {
            method: "GET",
            pattern: `${BASE}/apiAccess/${segment}`,
            body: "none",
            auth: "bearer",
            errorStyle: "portal",
            mutating: false,
            handler: (ctx) => ({ status: 200, body: { apiKey: check(ctx, false)[field] } }),
        },
        {
            method: "POST",
            pattern: `${BASE}/apiAccess/${segment}/regenerate`,
            body: "optionalJson",
            auth: "bearer",
            errorStyle: "portal",
            mutating: true,
            handler: (ctx) => {
                const org = check(ctx, true);
                const apiKey = ctx.deps.store.update((draft) => (draftOrg(draft, org)[field] = newKey()));
                return { status: 200, body: { apiKey } };
            },
        },
    ];
}

export const portalGroup: RouteGroup = {
    name: "portal",
    routes: [
        {
            method: "GET",
            pattern: `${BASE}/filtering/leftnav/tenantsAndOrganizationInfo`,
            body: "none",
            auth: "bearer",
            errorStyle: "portal",
            mutating: false,
            handler: organizationInfo,
        },
        {
            method: "GET",
            pattern: `${BASE}/apiAccess/tenants/:tenant/services/:service`,
            body: "none",
            auth: "bearer",
            errorStyle: "portal",
            mutating: false,
            handler: getApiAccess,
        },
        {
            method: "POST",
            pattern: `${BASE}/apiAccess/tenants/:tenant/services/:service/revoke`,
            body: "optionalJson",
            auth: "bearer",
            errorStyle: "portal",
            mutating: true,
            handler: revokeApiAccess,
        },
        ...productKeyRoutes("documentUnderstanding", "documentUnderstandingApiKey"),
        ...productKeyRoutes("computerVision", "computerVisionApiKey"),
    ],
};
