/**
 * A scenario is one test that runs its steps in order. `step` names each one, so a failure
 * says which step broke, and stops the scenario there: later steps would only run on a
 * state the failed step left unexplained.
 */
export async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
        return await run();
    } catch (err) {
        if (err instanceof Error) {
            const original = err.message;
            err.message = `step "${name}": ${original}`;
            if (err.stack) err.stack = err.stack.replace(original, err.message);
        }
        throw err;
    }
}

/**
 * Time allowed for one real-engine scenario: each CLI run starts Node programs and provider
 * processes (seconds each on a loaded 2-core machine) and a scenario makes a dozen or more.
 */
export const SCENARIO_TIMEOUT_MS = 600_000;
