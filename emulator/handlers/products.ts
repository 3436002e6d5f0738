/**
 * Where the product keys are used, served on the emulator's own host (as the account host is):
 *  - Document Understanding's public host (du.uipath.com): `POST /metering/validate` checks the
 *    `X-UIPATH-License` key without consuming units; `GET /metering/ping` is a readiness probe.
 *    Documented in the metering OpenAPI UiPath published in uipathcli (withdrawn in 2023).
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
    const org = typeof given === "string" ? ctx.deps.store.read().orgs.find((o) => credentialsEqual(given, o[field])) : undefined;
    if (!org) {
        throw errors.unauthorized(`The X-UIPATH-License header is missing or is not a current ${product} API key.`, { bearerChallenge: false });
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
    validate(ValidationRequest, jsonObject(ctx.body));
    // `ValidationResponse`; the values are modeled.
    return {
        status: 200,
        body: { accountId: org.id, edition: "Enterprise", licenseUnitType: "AIUnits", hasUnitsAvailable: true, saveImage: false },
        audit: { org: org.name },
    };
}

function meteringPing(ctx: RequestContext): HandlerResult {
    // `PingResponse`; the values are modeled on the README example of uipathcli.
    return {
        status: 200,
        body: { location: "emulator", serverRegion: "emulator", clusterId: "uipath-emulator", version: "emulator", timestamp: new Date(ctx.deps.clock.now()).toISOString() },
    };
}

function cvStatus(ctx: RequestContext): HandlerResult {
    const org = licensed(ctx, "computerVisionApiKey", "Computer Vision");
    return { status: 200, body: { status: "ok" }, audit: { org: org.name } };
}

const METERING_SOURCES = [
    "UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:definitions/du.metering.yaml#L133-L193 (validate; ValidationRequest L314-L334, ValidationResponse L335-L352, ErrorResponse L254-L275, X-UIPATH-License L352-L362; removed in ec095e4edee940b2aa05f0fd73b6aca45129dc14)",
    "UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:README.md#L496-L506 (the API-key profile's uri is du.uipath.com/metering)",
    "Public Endpoints (Document Understanding user guide): https://docs.uipath.com/document-understanding/automation-cloud/latest/classic-user-guide/public-endpoints",
];

const keyRoute = (method: Route["method"], pattern: string, handler: Route["handler"], fidelity: Fidelity, body: Route["body"] = "none"): Route => ({
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
        keyRoute("POST", "/metering/validate", meteringValidate, {
            status: "documented",
            sources: METERING_SOURCES,
            note: "on the DU host (du.uipath.com; here the emulator's root); documented in a metering OpenAPI UiPath withdrew in 2023; response values and error texts modeled",
        }, "json"),
        keyRoute("GET", "/metering/ping", meteringPing, {
            status: "documented",
            sources: ["UiPath/uipathcli@196c7fee013af7b1313988b069ab3ef464a47f9a:definitions/du.metering.yaml#L28-L47 (PingResponse L275-L293)"],
            note: "on the DU host; withdrawn in 2023 like /metering/validate; values modeled",
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
