/**
 * The body of an action that takes no parameters (enableSmsSignIn, disableSmsSignIn): none, or
 * `{}`. Any property is a 400, as for every other body (graph-validation.pipe.ts).
 */
export class NoParametersDto {}
