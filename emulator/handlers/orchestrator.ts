/**
 * Orchestrator check (modeled): proves a user-key token still works. Only a token obtained from
 * the tenant's CURRENT user key passes; after a revoke every token from the old key fails here.
 */
import { orgOf, param, type HandlerResult, type RequestContext, type RouteGroup } from "../context";
import { errors } from "../errors";
import { findService, findTenant, sameId } from "../store/state";

function getCurrentUser(ctx: RequestContext): HandlerResult {
    const org = orgOf(ctx);
    const caller = ctx.caller;
    const tenantName = param(ctx, "tenant");
    if (caller.kind !== "userKey") {
        throw errors.unauthorized("This emulator accepts only tokens obtained from a user key on Orchestrator routes.");
    }
    const header = ctx.headers["x-uipath-tenantname"];
    if (typeof header !== "string" || !sameId(header, tenantName) || !sameId(caller.tenant, tenantName)) {
        throw errors.unauthorized("The token does not belong to the tenant named in the URL and the X-UIPATH-TenantName header.");
    }
    const tenant = findTenant(org, tenantName);
    const service = tenant && findService(tenant, "orchestrator");
    const current = service?.userKey === caller.userKey && org.userKeyAccess && !org.directoryIntegration;
    if (!tenant || !current) throw errors.unauthorized("The user key this token was obtained from is no longer valid.");
    return { status: 200, body: { UserName: "api-access", TenantName: tenant.name } };
}

export const orchestratorGroup: RouteGroup = {
    name: "orchestrator",
    routes: [
        {
            method: "GET",
            pattern: "/:org/:tenant/orchestrator_/odata/Users/UiPath.Server.Configuration.OData.GetCurrentUser",
            body: "none",
            auth: "bearer",
            errorStyle: "portal",
            mutating: false,
            handler: getCurrentUser,
        },
    ],
};
