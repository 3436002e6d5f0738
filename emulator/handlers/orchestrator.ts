/**
 * Orchestrator's GetCurrentUser (documented route, UserDto field names): proves a user-key token
 * still works. Only a token obtained from the tenant's CURRENT user key passes; after a revoke
 * every token from the old key fails here. Errors: Orchestrator's ErrorResult (errorCode 0 on a
 * 401: no code is published for it).
 */
import { orgOf, param, type HandlerResult, type RequestContext, type RouteGroup } from "../context";
import { errors } from "../errors";
import { findService, findTenant, sameId } from "../store/state";

function getCurrentUser(ctx: RequestContext): HandlerResult {
    const org = orgOf(ctx);
    const caller = ctx.caller;
    const tenantParam = param(ctx, "tenant");
    const tenant = findTenant(org, tenantParam);
    const tenantName = tenant?.name ?? tenantParam;
    if (caller.kind !== "userKey") {
        throw errors.unauthorized("This emulator accepts only tokens obtained from a user key on Orchestrator routes.");
    }
    const header = ctx.headers["x-uipath-tenantname"];
    if (typeof header !== "string" || !sameId(header, tenantName) || !sameId(caller.tenant, tenantName)) {
        throw errors.unauthorized(
            "The token does not belong to the tenant named in the URL and the X-UIPATH-TenantName header.",
        );
    }
    const service = tenant && findService(tenant, "orchestrator");
    const current = service?.userKey === caller.userKey && org.userKeyAccess && !org.directoryIntegration;
    if (!tenant || !current) throw errors.unauthorized("The user key this token was obtained from is no longer valid.");
    // A few UserDto fields (UiPath/uipathcli@d16b8f937d5c2cda92aa639329e40140fdfc56be:definitions/orchestrator.yaml#L42973-L43177); values modeled.
    return {
        status: 200,
        body: {
            Name: "API",
            Surname: "Access",
            UserName: "api-access",
            EmailAddress: null,
            TenancyName: tenant.name,
            TenantDisplayName: tenant.name,
            Type: "User",
            Id: 1,
        },
    };
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
            fidelity: {
                status: "documented",
                sources: [
                    "UiPath/uipathcli@310b3050433d20bd6cad48e96a2d74a1cc8c074d:definitions/orchestrator.yaml#L22545-L22575 (Users_GetCurrentUser; ErrorResult L27410-L27429)",
                    "Response codes (Orchestrator API guide): https://docs.uipath.com/orchestrator/automation-cloud/latest/api-guide/response-codes",
                    "UiPath/uipath-typescript@b3521dc92a606a921c2e768f272b854ed127e9e9:src/core/errors/types.ts#L13-L26 (error body on the wire, camelCase)",
                ],
                note: "accepting only user-key tokens and the field values are modeled",
            },
            handler: getCurrentUser,
        },
    ],
};
