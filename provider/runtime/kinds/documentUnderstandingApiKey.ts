/** `DocumentUnderstandingApiKey` in the provider process: the organization's Document Understanding key. */
import { productKeyKind, type Product } from "./productApiKey";

export const documentUnderstanding: Product = { name: "documentUnderstanding", verifyPath: "du_/api/framework/projects" };

export const documentUnderstandingApiKeyKind = productKeyKind(documentUnderstanding);
