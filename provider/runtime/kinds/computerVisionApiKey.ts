/**
 * `ComputerVisionApiKey` in the provider process: the organization's Computer Vision key.
 *
 * verify: MODELED. UiPath's docs say the Computer Vision server (cv.uipath.com and regional hosts)
 * accepts the API key ("Authentication", AI Computer Vision user guide) but publish no route to
 * check one and no header name. The provider calls `GET {cvUrl}/api/v1/status` with the key in
 * `X-UIPATH-License` (the Document Understanding header), as the emulator models it.
 */
import { z } from "zod";
import { productKeyKind, type Product } from "./productApiKey";

export const computerVision: Product = {
    name: "computerVision",
    async verify(client, apiKey) {
        await client.send({
            method: "GET",
            baseUrl: client.connection.cvUrl,
            path: "api/v1/status",
            headers: { "x-uipath-license": apiKey },
            schema: z.unknown(),
            authenticate: false,
            secrets: [apiKey],
        });
    },
};

export const computerVisionApiKeyKind = productKeyKind(computerVision);
