/** `ComputerVisionApiKey` in the provider process: the organization's Computer Vision key. */
import { productKeyKind, type Product } from "./productApiKey";

export const computerVision: Product = { name: "computerVision", verifyPath: "cv_/api/v1/status" };

export const computerVisionApiKeyKind = productKeyKind(computerVision);
