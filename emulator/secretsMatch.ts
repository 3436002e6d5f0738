/** Constant-time credential comparison (hashing first makes lengths equal). */
import { createHash, timingSafeEqual } from "node:crypto";

export function credentialsEqual(given: string, expected: string): boolean {
    const a = createHash("sha256").update(given).digest();
    const b = createHash("sha256").update(expected).digest();
    return timingSafeEqual(a, b);
}
