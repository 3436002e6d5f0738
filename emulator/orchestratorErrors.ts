/**
 * Orchestrator's error body: `{message, errorCode, traceId}` with an INTEGER errorCode
 * (swagger v20 `ErrorResult.ErrorCode` int32) and a W3C traceparent-style traceId
 * ("00-<32 hex>-<16 hex>-00"). UiPath's TS SDK, UiPath/uipath-typescript@b3521dc92a606a921c2e768f272b854ed127e9e9:
 * `isOrchestratorError` requires a numeric errorCode (src/core/errors/types.ts#L106-L113), its example
 * body has the traceId form (types.ts#L13-L26), and its "shape Orchestrator actually returns" test
 * constant is camelCase (tests/utils/constants/errors.ts#L7-L10).
 * Sources: each route's fidelity record (UiPath's Orchestrator swagger and API guide).
 *
 * errors.ts renders the same shape for the rest of the emulator; Orchestrator handlers throw
 * {@link OrchestratorError} (whose codes are Orchestrator's own) and are wrapped in
 * {@link orchestratorHandler}, which turns it into an ordinary response. Messages never hold
 * an asset's value.
 */
import { randomBytes } from "node:crypto";
import type { Handler, HandlerResult, RequestContext } from "./context";

export class OrchestratorError extends Error {
    override readonly name = "OrchestratorError";

    constructor(
        readonly status: number,
        readonly errorCode: number,
        message: string,
    ) {
        super(message);
    }
}

/** The traceId of an Orchestrator body, built on the request's trace id (also sent as X-Trace-Id). */
export function orchestratorTraceId(requestTraceId: string): string {
    // The request's trace id is already a traceparent (keys.ts); older 32-hex ids are wrapped.
    if (/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/.test(requestTraceId)) return requestTraceId;
    return `00-${requestTraceId}-${randomBytes(8).toString("hex")}-00`;
}

/** Runs `handler`; an {@link OrchestratorError} becomes its documented body. Anything else propagates. */
export function orchestratorHandler(handler: Handler): Handler {
    return async (ctx: RequestContext): Promise<HandlerResult> => {
        try {
            return await handler(ctx);
        } catch (err) {
            if (!(err instanceof OrchestratorError)) throw err;
            return {
                status: err.status,
                body: { message: err.message, errorCode: err.errorCode, traceId: orchestratorTraceId(ctx.traceId) },
            };
        }
    };
}

/**
 * One factory per documented code, named after UiPath's name for it where one exists
 * (CODES: "Response codes", https://docs.uipath.com/orchestrator/automation-cloud/latest/api-guide/response-codes:
 * 1000, 1001 NameAlreadyUsed on POST and PUT /odata/Assets, 1002 ItemNotFound). The guide gives no HTTP
 * status for them: 409 for 1001 and 404 for 1002 are modeled; so are the statuses of 1100, 1101 and 0.
 */
export const orchestratorErrors = {
    /** 1000: "Invalid OData query options." / "Invalid request!" (CODES). */
    invalidRequest: (message = "Invalid request!") => new OrchestratorError(400, 1000, message),
    invalidODataQuery: (detail: string) => new OrchestratorError(400, 1000, `Invalid OData query options. ${detail}`),
    /** 1001 NameAlreadyUsed (CODES); 409 modeled. */
    nameAlreadyUsed: (name: string) => new OrchestratorError(409, 1001, `The name ${name} is already used.`),
    /** 1002 ItemNotFound (CODES); 404 modeled. The admin-route text is not public: a neutral one. */
    itemNotFound: (what: string) => new OrchestratorError(404, 1002, `${what} does not exist.`),
    /**
     * 1100, 403, whatever made the folder unreachable (unknown id, deleted, no access): the body
     * as in UiPath's TS SDK example (UiPath/uipath-typescript@b3521dc92a606a921c2e768f272b854ed127e9e9:
     * src/core/errors/types.ts#L13-L26); the status is not published ("Response codes" gives none),
     * so clients key on the code; 403 is modeled.
     */
    folderNotFound: () =>
        new OrchestratorError(403, 1100, "Folder does not exist or the user does not have access to the folder."),
    /** 1101 with this message, as UiPath's TS SDK's test constant shows it (UiPath/uipath-typescript@b3521dc92a606a921c2e768f272b854ed127e9e9:tests/utils/constants/errors.ts#L7-L10); 400 modeled. */
    folderRequired: () => new OrchestratorError(400, 1101, "A folder is required for this action."),
    /** 0, 403: a missing scope or role ("You are not authorized!", errorCode 0; modeled). */
    notAuthorized: () => new OrchestratorError(403, 0, "You are not authorized!"),
    /** 0, 401 ("You are not authenticated!"; modeled). */
    notAuthenticated: () => new OrchestratorError(401, 0, "You are not authenticated!"),
};
