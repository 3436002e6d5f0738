/**
 * Fault injection, configured through `PUT /__emulator/faults`. The first rule whose method and
 * path regex match, and whose `rate` roll succeeds, applies: latency, then a reset (socket
 * destroyed, no response) or an error status, or — latency only — the normal response.
 * `rate` rolls come from a seeded PRNG so a test run is reproducible.
 */
import { z } from "zod";

const HTTP_METHOD = z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]);

export const FaultRuleSchema = z
    .strictObject({
        method: z
            .string()
            .transform((m) => m.toUpperCase())
            .pipe(HTTP_METHOD)
            .optional(),
        path: z.string().refine(isValidRegex, "not a valid regular expression"),
        status: z.number().int().min(400).max(599).optional(),
        rate: z.number().min(0).max(1).default(1),
        latencyMs: z.number().int().min(0).max(60_000).optional(),
        reset: z.boolean().default(false),
        count: z.number().int().positive().optional(),
        retryAfterSeconds: z.number().int().min(0).optional(),
    })
    .refine((r) => r.status !== undefined || r.latencyMs !== undefined || r.reset, {
        message: "a fault needs status, latencyMs or reset",
    });

export const FaultsConfigSchema = z.strictObject({
    faults: z.array(FaultRuleSchema),
    /** Seed for `rate` rolls; the same seed gives the same sequence. */
    seed: z.number().int().optional(),
});

export type FaultRule = z.output<typeof FaultRuleSchema>;

export interface FaultAction {
    latencyMs: number;
    reset: boolean;
    status?: number;
    retryAfterSeconds?: number;
}

function isValidRegex(source: string): boolean {
    try {
        new RegExp(source);
        return true;
    } catch {
        return false;
    }
}

/** Small deterministic PRNG (mulberry32): good enough for fault rolls, reproducible by seed. */
function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

interface ActiveRule {
    rule: FaultRule;
    pattern: RegExp;
    remaining: number | undefined;
}

export interface FaultInjectorOptions {
    seed?: number;
}

export class FaultInjector {
    private rules: ActiveRule[] = [];
    private random: () => number;
    private readonly defaultSeed: number;

    constructor(options: FaultInjectorOptions = {}) {
        this.defaultSeed = options.seed ?? 1;
        this.random = mulberry32(this.defaultSeed);
    }

    configure(config: z.output<typeof FaultsConfigSchema>): void {
        this.rules = config.faults.map((rule) => ({ rule, pattern: new RegExp(rule.path), remaining: rule.count }));
        this.random = mulberry32(config.seed ?? this.defaultSeed);
    }

    clear(): void {
        this.rules = [];
    }

    list(): FaultRule[] {
        return this.rules.map((r) => ({ ...r.rule, ...(r.remaining === undefined ? {} : { count: r.remaining }) }));
    }

    /** The fault to apply to this request, if any; consumes one use of a counted rule. */
    pick(method: string, path: string): FaultAction | undefined {
        for (const active of this.rules) {
            const { rule } = active;
            if (rule.method && rule.method !== method) continue;
            if (!active.pattern.test(path)) continue;
            if (rule.rate < 1 && this.random() >= rule.rate) continue;
            if (active.remaining !== undefined) {
                active.remaining -= 1;
                if (active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
            }
            return {
                latencyMs: rule.latencyMs ?? 0,
                reset: rule.reset,
                ...(rule.status === undefined ? {} : { status: rule.status }),
                ...(rule.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: rule.retryAfterSeconds }),
            };
        }
        return undefined;
    }
}
