/**
 * `ComputerVisionApiKey` in the provider process: the organization's Computer Vision key.
 *
 * verify, best effort: MODELED. UiPath's docs say the Computer Vision server (cv.uipath.com and
 * regional hosts) accepts the API key ("Authentication", AI Computer Vision user guide) but publish
 * no route to check one and no header name. The provider calls `GET {cvUrl}/api/v1/status` with the
 * key in `X-UIPATH-License` (the Document Understanding header), as the emulator models it; a 400
 * or 404 is "could not check", only 401/403 "rejected" (see `checkProductKey`).
 */
import { ignoredBody } from "../http/request";
import { productKeyKind, type Product } from "./productApiKey";

export const computerVision: Product = {
    name: "computerVision",
    label: "Computer Vision",
    host: "cvUrl",
    checkRouteSource:
        "UiPath publishes no Computer Vision key check; GET /api/v1/status is modeled: the key is not proven bad",
    async verify(client, apiKey) {
        await client.send({
            method: "GET",
            baseUrl: client.connection.cvUrl,
            path: "api/v1/status",
            headers: { "x-uipath-license": apiKey },
            schema: ignoredBody,
            authenticate: false,
            secrets: [apiKey],
        });
    },
};

export const computerVisionApiKeyKind = productKeyKind(computerVision);
