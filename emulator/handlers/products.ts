/**
 * Where the product keys are used, served on the emulator's own host (as the account host is):
 *  - Document Understanding's public host (du.uipath.com): `POST /metering/validate` checks the
 *    `X-UIPATH-License` key without consuming units; `GET /metering/ping` is a readiness probe.
 *    OBSERVED (withdrawn): from the metering OpenAPI uipathcli carried from Feb to Mar 2023, whose own
 *    server is `https://cloud.uipath.com/{organization}/{tenant}/aimetering_`; the du.uipath.com/metering/
 *    base with the license header is uipathcli's README example of an API-key profile. No current
 *    UiPath page documents either route.
 *  - Computer Vision's server (cv.uipath.com): UiPath publishes no route or header to check a key,
 *    so `GET /api/v1/status` with `X-UIPATH-License` is modeled.
 * A key is looked up across organizations: these hosts have no organization in their paths.
 */
import { z } from "zod";
import type { Fidelity, HandlerResult, RequestContext, Route, RouteGroup } from "../context";
import { errors } from "../errors";
import { credentialsEqual } from "../secretsMatch";
import type { OrgState } from "../store/state";
import { jsonObject, validate } from "../validate";

type ProductKey = "documentUnderstandingApiKey" | "computerVisionApiKey";

/** 401 without a bearer challenge: these routes authenticate with the license header, not a token. */
function licensed(ctx: RequestContext, field: ProductKey, product: string): OrgState {
    const given = ctx.headers["x-uipath-license"];
    const org =
        typeof given === "string"
            ? ctx.deps.store.read().orgs.find((o) => credentialsEqual(given, o[field]))
            : undefined;
    if (!org) {
        throw errors.unauthorized(`The X-UIPATH-License header is missing or is not a current ${product} API key.`, {
            bearerChallenge: false,
        });
    }
    return org;
}

/** `ValidationRequest` (additionalProperties: false; productName and modelName required, min length 1). */
const ValidationRequest = z.strictObject({
    productName: z.string().min(1),
    modelName: z.string().min(1),
    customDimensions: z.record(z.string(), z.unknown()).nullable().optional(),
});

function meteringValidate(ctx: RequestContext): HandlerResult {
    const org = licensed(ctx, "documentUnderstandingApiKey", "Document Understanding");
    // The spec's shape only: which productName/modelName values the service accepts is unpublished, so any are taken (modeled).
    validate(ValidationRequest, jsonObject(ctx.body));
    // `ValidationResponse`; the values are modeled.
    return {
        status: 200,
        body: {
            accountId: org.id,
            edition: "Enterprise",
            licenseUnitType: "AIUnits",
            hasUnitsAvailable: true,
            saveImage: false,
        },
        audit: { org: org.name },
    };
}

function meteringPing(ctx: RequestContext): HandlerResult {
    // `PingResponse`; the values are modeled on the README example of uipathcli.
    return {
        status: 200,
        body: {
            location: "emulator",
            serverRegion: "emulator",
            clusterId: "uipath-emulator",
            version: "emulator",
            timestamp: new Date(ctx.deps.clock.now()).toISOString(),
        },
    };
}

function cvStatus(ctx: RequestContext): HandlerResult {
    const org = licensed(ctx, "computerVisionApiKey", "Computer Vision");
    return { status: 200, body: { status: "ok" }, audit: { org: org.name } };
}

/**
 * The metering OpenAPI was in uipathcli from f3e7f97 (Feb 2023) to ec095e4 (Mar 2023, "Remove du.events,
 * du.metering, du.storage and OMS definitions"); its server was the tenant's `aimetering_` service,
 * downloaded from alpha.uipath.com (update_definitions.sh at 69e83c8). The du.uipath.com/metering/ base
 * is only the README's API-key profile example, still in uipathcli's README today.
 */
const METERING_SOURCES = [
    "UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:definitions/du.metering.yaml#L133-L193 (validate; ValidationRequest L314-L334, ValidationResponse L335-L352, ErrorResponse L254-L275, X-UIPATH-License L352-L362; servers L363-L371: https://cloud.uipath.com/{organization}/{tenant}/aimetering_; its last version: the next commit, ec095e4edee940b2aa05f0fd73b6aca45129dc14, removes it)",
    "UiPath/uipathcli@69e83c81b0ef37d7bfa9a04769680a7cb12def75:update_definitions.sh#L223-L227 (downloaded from alpha.uipath.com/{org}/{tenant}/aimetering_/swagger/v1/swagger.json)",
    "UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:README.md#L501-L506 (the API-key profile's uri is https://du.uipath.com/metering/ with X-UIPATH-License)",
    'UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:README.md#L301 (example body values: --product-name "DU" --model-name "my-model")',
    "Public Endpoints (Document Understanding user guide; the public host, no metering route): https://docs.uipath.com/document-understanding/automation-cloud/latest/classic-user-guide/public-endpoints",
];

const keyRoute = (
    method: Route["method"],
    pattern: string,
    handler: Route["handler"],
    fidelity: Fidelity,
    body: Route["body"] = "none",
): Route => ({
    method,
    pattern,
    body,
    auth: "none",
    errorStyle: pattern.startsWith("/metering/") ? "duMetering" : "portal",
    mutating: false,
    fidelity,
    handler,
});

export const productGroup: RouteGroup = {
    name: "products",
    routes: [
        keyRoute(
            "POST",
            "/metering/validate",
            meteringValidate,
            {
                status: "observed",
                withdrawn: true,
                sources: METERING_SOURCES,
                note: "on the DU host (du.uipath.com; here the emulator's root), where only uipathcli's README profile puts it: the withdrawn spec's own server is the tenant's aimetering_; body shape from the spec, body values accepted as given (which ones UiPath takes is unpublished); response values and error texts modeled",
            },
            "json",
        ),
        keyRoute("GET", "/metering/ping", meteringPing, {
            status: "observed",
            withdrawn: true,
            sources: [
                "UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:definitions/du.metering.yaml#L28-L47 (PingResponse L275-L293; removed by the next commit, ec095e4edee940b2aa05f0fd73b6aca45129dc14)",
            ],
            note: "on the DU host; from the same withdrawn spec as /metering/validate; values modeled",
        }),
        keyRoute("GET", "/api/v1/status", cvStatus, {
            status: "modeled",
            sources: [
                "Authentication (AI Computer Vision user guide; the server accepts the API key, names no header): https://docs.uipath.com/ai-computer-vision/automation-cloud/latest/user-guide/authentication",
                "Public endpoints (AI Computer Vision user guide; hosts): https://docs.uipath.com/ai-computer-vision/automation-cloud/latest/user-guide/public-endpoints",
            ],
            note: "on the CV server (cv.uipath.com; here the emulator's root); UiPath publishes no Computer Vision key check: path and X-UIPATH-License header are the emulator's",
        }),
    ],
};
