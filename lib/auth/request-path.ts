/** Set by proxy.ts on page requests: the path and query the browser asked for, for the sign-in redirect. */
export const REQUEST_PATH_HEADER = "x-lifeline-request-path";
