/**
 * Product key checks (modeled endpoints): a call succeeds only with the org's CURRENT key in
 * `X-UIPATH-License` (documented header for Document Understanding; modeled for Computer Vision).
 */
import { orgOf, type HandlerResult, type RequestContext, type RouteGroup } from "../context";
import { errors } from "../errors";
import { credentialsEqual } from "../secretsMatch";

/** 401 without a bearer challenge: these routes authenticate with the license header, not a token. */
function licensed(ctx: RequestContext, expected: string, product: string): void {
    const given = ctx.headers["x-uipath-license"];
    if (typeof given !== "string" || !credentialsEqual(given, expected)) {
        throw errors.unauthorized(`The X-UIPATH-License header is missing or is not the current ${product} API key.`, { bearerChallenge: false });
    }
}

function duProjects(ctx: RequestContext): HandlerResult {
    licensed(ctx, orgOf(ctx).documentUnderstandingApiKey, "Document Understanding");
    return { status: 200, body: { projects: [] } };
}

function cvStatus(ctx: RequestContext): HandlerResult {
    licensed(ctx, orgOf(ctx).computerVisionApiKey, "Computer Vision");
    return { status: 200, body: { status: "ok" } };
}

export const productGroup: RouteGroup = {
    name: "products",
    routes: [
        { method: "GET", pattern: "/:org/du_/api/framework/projects", body: "none", auth: "none", errorStyle: "portal", mutating: false, handler: duProjects },
        { method: "GET", pattern: "/:org/cv_/api/v1/status", body: "none", auth: "none", errorStyle: "portal", mutating: false, handler: cvStatus },
    ],
};
