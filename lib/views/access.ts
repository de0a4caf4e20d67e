/**
 * Django's `django/contrib/auth/mixins.py` (`AccessMixin`, `LoginRequiredMixin`,
 * `PermissionRequiredMixin`) as static fields of a class-based `View`.
 */
import type { Request } from 'express';
import { PermissionDenied } from '../http/errors.js';
import type { HttpResponseRedirect } from '../http/redirect.js';
import { isSignedIn, loginRedirect, REDIRECT_FIELD_NAME } from './decorators/auth.js';

/** The static fields of a `View` that guard it, as Django's access mixins' attributes. */
export interface AccessControl {
  loginRequired: boolean;
  permissionRequired: string | readonly string[] | null;
  loginUrl: string | null;
  redirectFieldName: string | null;
  raiseException: boolean;
  permissionDeniedMessage: string;
  getUser(req: Request): unknown;
  hasPerms(user: unknown, perms: readonly string[], req: Request): boolean | Promise<boolean>;
}

/** Whether the class asks for any check (so an unguarded view dispatches without a promise). */
export function isGuarded(control: AccessControl): boolean {
  return control.loginRequired || control.permissionRequired !== null;
}

/** Django's `AccessMixin.handle_no_permission`: 403 for a signed-in user or `raiseException`, else the login page. */
function handleNoPermission(control: AccessControl, req: Request, user: unknown): HttpResponseRedirect {
  if (control.raiseException || isSignedIn(user)) throw new PermissionDenied(control.permissionDeniedMessage);
  const redirectFieldName = control.redirectFieldName === undefined ? REDIRECT_FIELD_NAME : control.redirectFieldName;
  return loginRedirect(
    req,
    control.loginUrl ? { loginUrl: control.loginUrl, redirectFieldName } : { redirectFieldName },
  );
}

/** The answer to a request the class's checks refuse, or `undefined` when the view may run. */
export async function refusal(control: AccessControl, req: Request): Promise<HttpResponseRedirect | undefined> {
  const user = control.getUser(req);
  if (control.loginRequired && !isSignedIn(user)) return handleNoPermission(control, req, user);
  const perms = control.permissionRequired;
  if (perms !== null) {
    const list = typeof perms === 'string' ? [perms] : [...perms];
    if ((await control.hasPerms(user, list, req)) !== true) return handleNoPermission(control, req, user);
  }
  return undefined;
}
