/**
 * Registering a resource costs `@pulumi/pulumi` four promises per property,
 * and it stores a formatted stack trace on each one (`debuggablePromise`,
 * read only by its report of promises still pending at exit, which names the
 * resource and property anyway). Under ts-node, which runs TypeScript
 * programs, formatting a trace maps every frame through source maps: with a
 * dozen properties per resource that was most of what our resources cost the
 * program beyond a bare dynamic resource (`npm run bench:profile`).
 *
 * Registration runs synchronously inside the constructor's `super()`, so a
 * trace limit of 0 for that call skips the formatting there and nowhere
 * else. Pulumi sets its own limit where it reads the resource's source
 * position, so that is unchanged. A user who debugs leaked promises
 * (PULUMI_DEBUG_PROMISE_LEAKS) gets the traces.
 */

/** Sets `Error.stackTraceLimit` to 0; call the returned function (in a `finally`) to restore it. */
export function pauseStackTraces(): () => void {
    const limit = Error.stackTraceLimit;
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => {};
    Error.stackTraceLimit = 0;
    return () => {
        Error.stackTraceLimit = limit;
    };
}
