/**
 * Where and as whom the provider talks to UiPath. Resolved at run time, in
 * the provider process, from (first wins): the resource's `connection` input,
 * the stack config in the `uipath:` namespace, `UIPATH_*` environment
 * variables, then defaults. Nothing here is ever captured into the
 * serialized provider stored in state.
 */
import { z } from "zod";
import type { ConnectionArgs } from "../../resources/connectionArgs";
import type { ArgsMatch } from "./argsMatch";
import { InvalidInputError, MissingConnectionError } from "../reporting/errors";
import { logicalNameSchema } from "./validation";

export const defaultBaseUrl = "https://cloud.uipath.com";
/** The documented host of the legacy user-key exchange for Automation Cloud. */
export const cloudAccountUrl = "https://account.uipath.com";
/** Document Understanding's public host, where its API key is used ("Public Endpoints", DU user guide). */
export const cloudDuUrl = "https://du.uipath.com";
/** Computer Vision's server ("Public endpoints", AI Computer Vision user guide). */
export const cloudCvUrl = "https://cv.uipath.com";
/** Automation Cloud Public Sector's base URL. */
export const publicSectorBaseUrl = "https://govcloud.uipath.us";
/**
 * Public Sector's Document Understanding public endpoints live under `https://govcloud.uipath.us/du_/`
 * (`/du_/ocr`, `/du_/ie/invoices`, …: "Public endpoints", DU user guide, Public Sector,
 * https://docs.uipath.com/document-understanding/automation-cloud-public-sector/latest/user-guide/public-endpoints),
 * where Automation Cloud has `https://du.uipath.com/`.
 */
export const publicSectorDuUrl = "https://govcloud.uipath.us/du_";
/**
 * Public Sector's Computer Vision server ("Public endpoints", AI Computer Vision user guide, Public Sector:
 * https://docs.uipath.com/ai-computer-vision/automation-cloud-public-sector/latest/user-guide/public-endpoints).
 * Its "feature availability" page lists API-key authentication for Automation Cloud only, not Public
 * Sector (https://docs.uipath.com/ai-computer-vision/automation-cloud/latest/user-guide/feature-availability):
 * `verify` of a CV key there may well be refused, which the README says.
 */
export const publicSectorCvUrl = "https://cv-govcloud.uipath.us";

/**
 * The product hosts UiPath documents per base URL. Any other base URL (Dedicated, Automation
 * Suite, the emulator) has no default: `verify` of a product key then needs `uipath:duUrl` /
 * `uipath:cvUrl`, rather than sending the key to a guessed host.
 */
const documentedProductHosts: Record<string, { duUrl: string; cvUrl: string }> = {
    "cloud.uipath.com": { duUrl: cloudDuUrl, cvUrl: cloudCvUrl },
    [new URL(publicSectorBaseUrl).host]: { duUrl: publicSectorDuUrl, cvUrl: publicSectorCvUrl },
};

/** Connection settings a resource may set for itself (for stacks that manage several organizations). */
export const connectionSchema = z
    .object({
        baseUrl: z
            .url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://cloud.uipath.com" })
            .optional(),
        accountUrl: z
            .url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://account.uipath.com" })
            .optional(),
        duUrl: z
            .url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://du.uipath.com" })
            .optional(),
        cvUrl: z
            .url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://cv.uipath.com" })
            .optional(),
        organization: logicalNameSchema("organization", "as in https://cloud.uipath.com/<organization>").optional(),
        clientId: z.string().min(1, "expected the external application's client id").optional(),
        clientSecret: z.string().min(1, "expected the external application's client secret").optional(),
        accessToken: z.string().min(1, "expected an access token or personal access token").optional(),
        clientAssertion: z
            .string()
            .regex(/^[\w-]+\.[\w-]+\.[\w-]*$/, "expected a JWT (three base64url parts separated by dots)")
            .optional(),
        clientAssertionFile: z.string().min(1, "expected the path of a file holding a JWT").optional(),
        oidcAudience: z.string().min(1, "expected the audience to ask GitHub Actions' ID token for").optional(),
        scopes: z.string().optional(),
        // The stack config and environment hold text: "true"/"false" (also 1/0, yes/no) become a boolean before this check.
        allowInsecureHttp: z.boolean({ error: "expected true or false" }).optional(),
    })
    .strict();

export type ConnectionInput = z.infer<typeof connectionSchema>;

// `tsc` fails here when the program side's `ConnectionArgs` and this schema drift apart.
const argsMatch: ArgsMatch<ConnectionArgs, ConnectionInput> = true;
void argsMatch;

/** Names of the settings, their stack config keys and environment variables. */
export const connectionSettings = {
    baseUrl: { config: "uipath:baseUrl", env: "UIPATH_BASE_URL" },
    accountUrl: { config: "uipath:accountUrl", env: "UIPATH_ACCOUNT_URL" },
    duUrl: { config: "uipath:duUrl", env: "UIPATH_DU_URL" },
    cvUrl: { config: "uipath:cvUrl", env: "UIPATH_CV_URL" },
    organization: { config: "uipath:organization", env: "UIPATH_ORGANIZATION" },
    clientId: { config: "uipath:clientId", env: "UIPATH_CLIENT_ID" },
    clientSecret: { config: "uipath:clientSecret", env: "UIPATH_CLIENT_SECRET" },
    accessToken: { config: "uipath:accessToken", env: "UIPATH_ACCESS_TOKEN" },
    clientAssertion: { config: "uipath:clientAssertion", env: "UIPATH_CLIENT_ASSERTION" },
    clientAssertionFile: { config: "uipath:clientAssertionFile", env: "UIPATH_CLIENT_ASSERTION_FILE" },
    oidcAudience: { config: "uipath:oidcAudience", env: "UIPATH_OIDC_AUDIENCE" },
    scopes: { config: "uipath:scopes", env: "UIPATH_SCOPES" },
    /** Plain `http://` to a host other than this machine is refused unless this is true. */
    allowInsecureHttp: { config: "uipath:allowInsecureHttp", env: "UIPATH_ALLOW_INSECURE_HTTP" },
} as const satisfies Record<keyof ConnectionInput, { config: string; env: string }>;

type Picked = { value: string | boolean; source: Source };

/** A yes/no setting as text (stack config, environment) made a boolean; any other text is left for the schema to refuse. */
function flagFromText(text: string): string | boolean {
    if (/^(true|1|yes)$/i.test(text.trim())) return true;
    if (/^(false|0|no)$/i.test(text.trim())) return false;
    return text;
}

/** The settings that say who authenticates: a resource that gives one of them gives all of them (scopes go with them). */
const credentialSettings = [
    "clientId",
    "clientSecret",
    "accessToken",
    "clientAssertion",
    "clientAssertionFile",
    "oidcAudience",
] as const satisfies readonly (keyof ConnectionInput)[];
/** The kinds of credential; a connection names exactly one. */
const credentialKinds = [
    "clientSecret",
    "accessToken",
    "clientAssertion",
    "clientAssertionFile",
    "oidcAudience",
] as const satisfies readonly (keyof ConnectionInput)[];

/** GitHub Actions' variables for its ID-token request (set in a job with `permissions: id-token: write`). */
export const githubOidcVariables = {
    url: "ACTIONS_ID_TOKEN_REQUEST_URL",
    token: "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
} as const;
const followsCredentials: readonly (keyof ConnectionInput)[] = [...credentialSettings, "scopes"];

/**
 * Where a client assertion (a JWT of an external identity provider, matched by one of the app's
 * federated credentials) comes from: given as it is, read from a file at each token request (such
 * files are refreshed by their platform), or asked from GitHub Actions for an audience.
 */
export type AssertionSource =
    | { from: "value"; assertion: string }
    | { from: "file"; path: string }
    | { from: "githubActions"; requestUrl: string; requestToken: string; audience: string };

export type Auth =
    | { kind: "clientCredentials"; clientId: string; clientSecret: string; scopes?: string }
    | { kind: "clientAssertion"; clientId: string; assertion: AssertionSource; scopes?: string; describe: string }
    | { kind: "accessToken"; token: string };

/** Where the credentials of a connection came from (refresh and destroy use the stack config saved by the last `up`). */
export type CredentialSource = "connection" | "stackConfig" | "environment";

/** Fully resolved settings for one organization. */
export interface Connection {
    baseUrl: string;
    accountUrl: string;
    /** Where Document Understanding keys are checked (regional hosts: du-us.uipath.com, …); none known for other base URLs. */
    duUrl: string | undefined;
    /** Where Computer Vision keys are checked (cv-eu.uipath.com, …); none known for other base URLs. */
    cvUrl: string | undefined;
    organization: string;
    auth: Auth;
    credentialSource: CredentialSource;
}

/** Stack config as handed to the dynamic provider's `configure()` (secrets already decrypted). */
export type StackConfig = { get(key: string): string | undefined };

const noConfig: StackConfig = { get: () => undefined };

type Source = CredentialSource;

/** How a failure names a setting: as the user wrote it, where they wrote it. */
function settingName(name: keyof ConnectionInput, source: Source): string {
    if (source === "connection") return `connection.${name}`;
    if (source === "stackConfig") return `${connectionSettings[name].config} (stack config)`;
    return `${connectionSettings[name].env} (environment)`;
}

/** A failure of a setting: attached to the `connection` input when the user wrote it there, else to no input. */
function invalid(message: string, source: Source): InvalidInputError {
    return new InvalidInputError(message, { property: source === "connection" ? "connection" : undefined });
}

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopback(url: URL): boolean {
    return (
        loopbackHosts.has(url.hostname) ||
        /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname) ||
        url.hostname.endsWith(".localhost")
    );
}

/**
 * Merges the sources and checks that enough is there to authenticate, and
 * that nothing is ambiguous or unsafe: a client secret and an access token
 * together, plain `http://` to another machine, a resource's organization
 * reached with credentials meant for the stack's. Throws an
 * {@link InvalidInputError} or {@link MissingConnectionError} naming the
 * setting as the user wrote it and where to fix it.
 */
export function resolveConnection(
    input: ConnectionInput | undefined,
    stackConfig: StackConfig = noConfig,
    env: NodeJS.ProcessEnv = process.env,
): Connection {
    const fromStack = (name: keyof ConnectionInput): Picked | undefined => {
        const asValue = (text: string) => (name === "allowInsecureHttp" ? flagFromText(text) : text);
        const configured = stackConfig.get(connectionSettings[name].config);
        if (configured !== undefined) return { value: asValue(configured), source: "stackConfig" };
        const fromEnv = env[connectionSettings[name].env] || undefined;
        return fromEnv === undefined ? undefined : { value: asValue(fromEnv), source: "environment" };
    };
    // Credentials a resource gives are used alone: never half its own, half the stack's.
    const ownCredentials = credentialSettings.some((name) => input?.[name] !== undefined);
    const pick = (name: keyof ConnectionInput): Picked | undefined => {
        const own = input?.[name];
        if (own !== undefined) return { value: own, source: "connection" };
        if (ownCredentials && followsCredentials.includes(name)) return undefined;
        return fromStack(name);
    };

    const picked = Object.fromEntries(
        Object.keys(connectionSettings).map((k) => [k, pick(k as keyof ConnectionInput)]),
    ) as {
        [K in keyof ConnectionInput]-?: Picked | undefined;
    };
    const parsed = connectionSchema.safeParse(
        Object.fromEntries(Object.entries(picked).map(([k, v]) => [k, v?.value])),
    );
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue?.path[0] ?? "baseUrl") as keyof ConnectionInput;
        const source = picked[field]?.source ?? "connection";
        throw invalid(`${settingName(field, source)}: ${issue?.message ?? "invalid"}`, source);
    }
    const s = parsed.data;

    if (!s.organization) {
        throw new MissingConnectionError(
            "no organization: run `pulumi config set uipath:organization <logical name>`, set UIPATH_ORGANIZATION, or give the resource a connection",
        );
    }
    if (picked.organization?.source === "connection" && !ownCredentials) {
        const stackOrg = fromStack("organization");
        if (stackOrg === undefined || String(stackOrg.value).toLowerCase() !== s.organization.toLowerCase()) {
            const theirs =
                stackOrg === undefined
                    ? "the stack sets no organization"
                    : `the stack's credentials are for organization ${String(stackOrg.value)} (${stackOrg.source === "stackConfig" ? connectionSettings.organization.config : connectionSettings.organization.env})`;
            throw invalid(
                `connection.organization is ${s.organization} but the connection has no credentials, and ${theirs}: give the connection its own clientId and clientSecret, or accessToken`,
                "connection",
            );
        }
    }

    const named = credentialKinds.filter((name) => s[name] !== undefined);
    if (named.length > 1) {
        const where = named.map((name) => settingName(name, picked[name]!.source));
        const list = `${where.slice(0, -1).join(", ")} and ${where.at(-1)!}`;
        throw invalid(
            `${list} are ${named.length === 2 ? "both" : "all"} set: keep one (a client secret with its clientId, an access token, or a client assertion: clientAssertion, clientAssertionFile or oidcAudience)`,
            named.some((name) => picked[name]!.source === "connection") ? "connection" : picked[named[0]!]!.source,
        );
    }
    let auth: Auth;
    const assertion = assertionSource(s, picked, env);
    if (s.accessToken) auth = { kind: "accessToken", token: s.accessToken };
    else if (s.clientId && s.clientSecret)
        auth = { kind: "clientCredentials", clientId: s.clientId, clientSecret: s.clientSecret, scopes: s.scopes };
    else if (s.clientId && assertion)
        auth = { kind: "clientAssertion", clientId: s.clientId, scopes: s.scopes, ...assertion };
    else if (ownCredentials) {
        throw invalid(
            "connection: incomplete credentials: give clientId with clientSecret, clientAssertion, clientAssertionFile or oidcAudience, or accessToken",
            "connection",
        );
    } else if (assertion || s.clientSecret) {
        throw new MissingConnectionError(
            `no uipath:clientId: a client ${assertion ? "assertion" : "secret"} signs in as an external application; set uipath:clientId (or UIPATH_CLIENT_ID) to its client id`,
        );
    } else {
        throw new MissingConnectionError(
            "no UiPath credentials: set uipath:clientId and `pulumi config set --secret uipath:clientSecret` (an external application, recommended), or `pulumi config set --secret uipath:accessToken` (a personal access token), or uipath:clientId with a client assertion (uipath:clientAssertionFile, or uipath:oidcAudience in GitHub Actions); or the UIPATH_* environment variables",
        );
    }

    const baseUrl = (s.baseUrl ?? defaultBaseUrl).replace(/\/+$/, "");
    const baseHost = new URL(baseUrl).host;
    // The account host: Automation Cloud's by default; any other base URL (the emulator) serves it itself.
    const onCloud = baseHost === "cloud.uipath.com";
    const trimmed = (url: string) => url.replace(/\/+$/, "");
    const products = documentedProductHosts[baseHost];
    const productHost = (given: string | undefined, documented: string | undefined) => {
        const url = given ?? documented;
        return url === undefined ? undefined : trimmed(url);
    };
    const hosts = {
        baseUrl,
        accountUrl: trimmed(s.accountUrl ?? (onCloud ? cloudAccountUrl : baseUrl)),
        duUrl: productHost(s.duUrl, products?.duUrl),
        cvUrl: productHost(s.cvUrl, products?.cvUrl),
    };
    const allowInsecure = s.allowInsecureHttp === true;
    const allowSetting = connectionSettings.allowInsecureHttp;
    for (const name of ["baseUrl", "accountUrl", "duUrl", "cvUrl"] as const) {
        const given = hosts[name];
        if (given === undefined) continue;
        const url = new URL(given);
        if (url.protocol === "http:" && !isLoopback(url) && !allowInsecure) {
            const where = picked[name] ?? picked.baseUrl;
            const source = where?.source ?? "stackConfig";
            // A connection's own URL, or its own `allowInsecureHttp: false`, is fixed in the connection.
            const allowIt =
                source === "connection" || picked.allowInsecureHttp?.source === "connection"
                    ? `set connection.allowInsecureHttp: true (or, for the whole stack, \`pulumi config set ${allowSetting.config} true\`)`
                    : `allow it with \`pulumi config set ${allowSetting.config} true\` or ${allowSetting.env}=true`;
            throw invalid(
                `${settingName(name, source)}: plain http:// to ${url.host} would send the credentials in clear: use https://, or ${allowIt}`,
                source,
            );
        }
    }
    return {
        ...hosts,
        organization: s.organization,
        auth,
        credentialSource:
            credentialKinds.map((name) => picked[name]?.source).find((x) => x !== undefined) ?? "stackConfig",
    };
}

/** The assertion a connection names, with how it is named (for messages), if any. */
function assertionSource(
    s: ConnectionInput,
    picked: { [K in keyof ConnectionInput]-?: Picked | undefined },
    env: NodeJS.ProcessEnv,
): { assertion: AssertionSource; describe: string } | undefined {
    if (s.clientAssertion)
        return {
            assertion: { from: "value", assertion: s.clientAssertion },
            describe: `the client assertion in ${settingName("clientAssertion", picked.clientAssertion!.source)}`,
        };
    if (s.clientAssertionFile)
        return {
            assertion: { from: "file", path: s.clientAssertionFile },
            describe: `the client assertion in file ${s.clientAssertionFile} (${settingName("clientAssertionFile", picked.clientAssertionFile!.source)})`,
        };
    if (!s.oidcAudience) return undefined;
    const requestUrl = env[githubOidcVariables.url];
    const requestToken = env[githubOidcVariables.token];
    if (!requestUrl || !requestToken)
        throw invalid(
            `${settingName("oidcAudience", picked.oidcAudience!.source)} asks GitHub Actions for an ID token, but ${githubOidcVariables.url} and ${githubOidcVariables.token} are not set: run in a GitHub Actions job with \`permissions: id-token: write\`, or use uipath:clientAssertionFile`,
            picked.oidcAudience!.source,
        );
    return {
        assertion: { from: "githubActions", requestUrl, requestToken, audience: s.oidcAudience },
        describe: `GitHub Actions' ID token for audience '${s.oidcAudience}' (${settingName("oidcAudience", picked.oidcAudience!.source)})`,
    };
}

/** The values of a connection that must never appear in output, logs or errors. */
export function connectionSecrets(conn: Connection): string[] {
    const auth = conn.auth;
    if (auth.kind === "accessToken") return [auth.token];
    if (auth.kind === "clientCredentials") return [auth.clientSecret];
    // A file's or GitHub's assertion is added to each token request's own secrets when it is read.
    if (auth.assertion.from === "value") return [auth.assertion.assertion];
    return auth.assertion.from === "githubActions" ? [auth.assertion.requestToken] : [];
}
