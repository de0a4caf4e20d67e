/**
 * Django's tests/urlpatterns_reverse/views.py, the views the URLconfs of this folder route to.
 * Each answers with what `resolve()` found for the request, so that a test over HTTP sees it.
 */
import type { Request } from 'express';
import { JsonResponse, View } from '../../../lib/index.js';

/** What a view saw: `req.resolverMatch` (none for an error handler answering a path no pattern matched), and which view answered. */
export function sawMatch(req: Request, view: string): JsonResponse {
  const m = req.resolverMatch;
  if (m === undefined) return new JsonResponse({ view, resolverMatch: null });
  return new JsonResponse({
    view,
    urlName: m.urlName ?? null,
    appName: m.appName,
    namespace: m.namespace,
    viewName: m.viewName,
    route: m.route,
    args: m.args,
    kwargs: m.kwargs,
    params: { ...req.params },
  });
}

/** Django's `empty_view(request, *args, **kwargs)`. */
export function emptyView(req: Request): JsonResponse {
  return sawMatch(req, 'emptyView');
}

/** Django's `ViewClass`, whose instance is a view: here a class-based view. */
export class ViewClass extends View {
  override get(req: Request): JsonResponse {
    return sawMatch(req, 'ViewClass');
  }
}

/** Django's `view_class_instance = ViewClass()`. */
export const viewClassInstance = ViewClass.asView();

/** Django's `pass_resolver_match_view`: the match is in the answer. */
export function passResolverMatchView(req: Request): JsonResponse {
  return sawMatch(req, 'passResolverMatchView');
}

/** Django's `bad_view`: a view that throws. */
export function badView(): never {
  throw new RangeError("I don't think I'm getting good value for this view");
}
