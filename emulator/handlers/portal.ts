/**
 * Portal routes: organization info (observed: UiPath's Python SDK calls it), and, MODELED —
 * UiPath documents neither the routes nor the credential they accept — Orchestrator API access
 * (user keys) and the Document Understanding and Computer Vision API keys. Which credentials the
 * modeled routes take is the org's `portalAccepts` seed option (permissions.ts).
 * Checks run in the order org flags → tenant/service → caller.
 */
import { USER_KEY_CLIENT_ID } from "../config";
import {
    orgOf,
    param,
    type Fidelity,
    type HandlerResult,
    type RequestContext,
    type Route,
    type RouteGroup,
} from "../context";
import { errors } from "../errors";
import { newKey } from "../keys";
import {
    authorizePortal,
    requireManagementCaller,
    requireNoDirectoryIntegration,
    requireUserKeyAccess,
} from "../permissions";
import { findOrg, findService, findTenant, type OrgState, type State } from "../store/state";

const BASE = "/:org/portal_/api";

const API_KEYS_UI =
    "API Keys (Automation Cloud API guide; the UI only): https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/api-keys";
const PRODUCT_KEY_UI =
    "Other API access methods (Automation Cloud API guide; the UI only): https://docs.uipath.com/automation-cloud/automation-cloud/latest/api-guide/other-api-access-methods";

/** UiPath documents neither the route nor the credential it accepts; the UI page it models. */
function modeled(what: string, uiPage: string): Fidelity {
    return {
        status: "modeled",
        sources: [uiPage],
        note: `${what}; UiPath documents neither the route nor the credential it accepts`,
    };
}

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
function locateApiAccess(ctx: RequestContext): { tenant: string; service: string } {
    const org = orgOf(ctx);
    requireNoDirectoryIntegration(org);
    requireUserKeyAccess(org);
    const tenant = findTenant(org, param(ctx, "tenant"));
    if (!tenant) throw errors.tenantNotFound(param(ctx, "tenant"));
    const service = findService(tenant, param(ctx, "service"));
    if (!service || service.userKey === null) throw errors.serviceNotFound(tenant.name, param(ctx, "service"));
    authorizePortal(org, ctx.caller, { tenant: tenant.name, service: service.name });
    return { tenant: tenant.name, service: service.name };
}

function apiAccessView(org: OrgState, tenantName: string, serviceName: string): HandlerResult {
    const tenant = findTenant(org, tenantName);
    const service = tenant && findService(tenant, serviceName);
    if (!tenant || !service?.userKey) throw errors.internalServerError();
    return {
        status: 200,
        body: {
            userKey: service.userKey,
            accountLogicalName: org.name,
            tenantName: tenant.name,
            clientId: USER_KEY_CLIENT_ID,
        },
    };
}

/** The org inside a draft state (the request's snapshot is stale once update() runs). */
function draftOrg(draft: State, org: OrgState): OrgState {
    const found = findOrg(draft, org.name);
    if (!found) throw errors.internalServerError();
    return found;
}

function getApiAccess(ctx: RequestContext): HandlerResult {
    const { tenant, service } = locateApiAccess(ctx);
    return apiAccessView(orgOf(ctx), tenant, service);
}

/** Revoking replaces the key: the old one, and every token obtained from it, stop working. */
function revokeApiAccess(ctx: RequestContext): HandlerResult {
    const { tenant, service } = locateApiAccess(ctx);
    return ctx.deps.store.update((draft) => {
        const org = draftOrg(draft, orgOf(ctx));
        const target = findService(findTenant(org, tenant)!, service)!;
        target.userKey = newKey();
        return apiAccessView(org, tenant, service);
    });
}

type ProductKey = "documentUnderstandingApiKey" | "computerVisionApiKey";

function productKeyRoutes(segment: string, field: ProductKey, product: string): Route[] {
    // No directory-integration refusal here: UiPath's "not applicable for Azure AD" note is about
    // Orchestrator API access; nothing says DU/CV keys are unavailable with a directory integration.
    const check = (ctx: RequestContext): OrgState => {
        const org = orgOf(ctx);
        authorizePortal(org, ctx.caller);
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
            fidelity: modeled(`read the ${product} API key`, PRODUCT_KEY_UI),
            handler: (ctx) => ({ status: 200, body: { apiKey: check(ctx)[field] } }),
        },
        {
            method: "POST",
            pattern: `${BASE}/apiAccess/${segment}/regenerate`,
            body: "optionalJson",
            auth: "bearer",
            errorStyle: "portal",
            mutating: true,
            fidelity: modeled(
                `regenerate the ${product} API key (the old one stops working: documented for the UI)`,
                PRODUCT_KEY_UI,
            ),
            handler: (ctx) => {
                const org = check(ctx);
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
            fidelity: {
                status: "observed",
                sources: [
                    "UiPath/uipath-python@c8ca9d716735731f9dad394b87dce83c344b5428:packages/uipath-platform/src/uipath/platform/portal/_portal_service.py#L29-L79 (org id in the path, user token; response model portal/portal.py#L6-L24)",
                ],
                note: "`tenants[].services` is the emulator's addition; error bodies modeled",
            },
            handler: organizationInfo,
        },
        {
            method: "GET",
            pattern: `${BASE}/apiAccess/tenants/:tenant/services/:service`,
            body: "none",
            auth: "bearer",
            errorStyle: "portal",
            mutating: false,
            fidelity: modeled("read a tenant service's user key", API_KEYS_UI),
            handler: getApiAccess,
        },
        {
            method: "POST",
            pattern: `${BASE}/apiAccess/tenants/:tenant/services/:service/revoke`,
            body: "optionalJson",
            auth: "bearer",
            errorStyle: "portal",
            mutating: true,
            fidelity: modeled("revoke: a new user key replaces the old one (documented for the UI)", API_KEYS_UI),
            handler: revokeApiAccess,
        },
        ...productKeyRoutes("documentUnderstanding", "documentUnderstandingApiKey", "Document Understanding"),
        ...productKeyRoutes("computerVision", "computerVisionApiKey", "Computer Vision"),
    ],
};
