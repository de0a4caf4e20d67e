/**
 * Django's tests/urlpatterns_reverse/views.py. Each view answers with what it saw — the pattern's
 * name, the positional and keyword arguments, the namespaces — so a test over HTTP can tell which
 * pattern a request reached.
 */
import type { Request } from 'express';
import {
  HttpResponse,
  JsonResponse,
  RedirectView,
  View,
  isSignedIn,
  reverse,
  userPassesTest,
} from '../../../lib/index.js';

/** What a view answers: what `urlpatterns()` matched for the request. */
export interface SeenByView {
  urlName: string | null;
  args: unknown[];
  kwargs: Record<string, unknown>;
  namespaces: string[];
  route: string;
  templateName?: string;
}

export function emptyView(req: Request): JsonResponse {
  return answer(req);
}

function answer(req: Request, extra: { templateName?: string } = {}): JsonResponse {
  const match = req.resolverMatch!;
  const seen: SeenByView = {
    urlName: match.urlName ?? null,
    args: match.args,
    kwargs: match.kwargs,
    namespaces: match.namespaces,
    route: match.route,
    ...extra,
  };
  return new JsonResponse(seen);
}

// Django's views with default arguments (arg1=1, arg2=2) answer as emptyView does.
export function absoluteKwargsView(req: Request): JsonResponse {
  return emptyView(req);
}

export function defaultsView(req: Request): JsonResponse {
  return emptyView(req);
}

export function nestedView(req: Request): JsonResponse {
  return emptyView(req);
}

/** Neither a callable nor a string. */
export const uncallable = null;

export class ViewClass {
  call(req: Request): JsonResponse {
    return emptyView(req);
  }
}

export const viewClassInstance = (req: Request): JsonResponse => new ViewClass().call(req);

/** Django's `url = reverse_lazy(...)`: the URL is reversed when a request asks for it. */
export class LazyRedirectView extends RedirectView {
  override getRedirectUrl(): string {
    return reverse('named-lazy-url-redirected-to');
  }
}

/** Django's `user_passes_test(..., login_url=reverse_lazy('some-login-page'))`: a URL name, resolved per request. */
export const loginRequiredView = userPassesTest((user) => isSignedIn(user), { loginUrl: 'some-login-page' })(
  () => new HttpResponse('Hello you'),
);

export function badView(): never {
  throw new RangeError("I don't think I'm getting good value for this view");
}

export class HelloView extends View {
  override get(req: Request<{ name: string }>): HttpResponse {
    return new HttpResponse(`Hello ${req.params.name}`);
  }
}

export const viewFuncFromCbv = HelloView.asView();

// Django's functools.partial(empty_view, template_name=...) and its update_wrapper'ed twin.
export const emptyViewPartial = (req: Request): JsonResponse => answer(req, { templateName: 'template.html' });
export const emptyViewNestedPartial = (req: Request): JsonResponse =>
  answer(req, { templateName: 'nested_partial.html' });
export const emptyViewWrapped = Object.defineProperty(
  (req: Request): JsonResponse => answer(req, { templateName: 'template.html' }),
  'name',
  { value: emptyView.name },
);
