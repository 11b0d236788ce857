/**
 * Both user forms of a route under `authentication` (ARCHITECTURE: the guard reads `:user` to tell
 * self from other): `userPaths('/phoneMethods')`.
 */
export function userPaths(rest = ''): string[] {
  return [`me/authentication${rest}`, `users/:user/authentication${rest}`];
}
