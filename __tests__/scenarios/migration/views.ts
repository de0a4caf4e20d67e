/**
 * The port of `django_views.py` (next to this file): the same views, decorators, class-based
 * view, redirect and middleware, one for one. The "models" are an in-memory store and Node's
 * EventEmitter stands in for Django's `pre_save` signal.
 */
import { EventEmitter } from 'node:events';
import type { Request } from 'express';
import {
  HttpResponse,
  JsonResponse,
  MiddlewareMixin,
  RedirectView,
  View,
  cacheControl,
  condition,
  getObjectOr404,
  neverCache,
  redirect,
  render,
  requirePOST,
  requireSafe,
  varyOnHeaders,
  type ViewHandler,
  type ViewResult,
} from '../../../lib/index.js';

// ---- models.py, in memory ------------------------------------------------------------
export interface Article {
  slug: string;
  title: string;
  body: string;
  version: number;
  updatedAt: Date;
  published: boolean;
  getAbsoluteUrl(): string;
}

export const preSave = new EventEmitter();
export const articles = new Map<string, Article>();
export const logEntries: Array<{ actor: string; object: string }> = [];

export function saveArticle(article: Article): void {
  preSave.emit('save', article);
  articles.set(article.slug, article);
}

export function resetArticles(): void {
  articles.clear();
  logEntries.length = 0;
  for (const [slug, title] of [
    ['hello', 'Hello'],
    ['world', 'World'],
  ] as const) {
    articles.set(slug, {
      slug,
      title,
      body: `${title} body`,
      version: 1,
      updatedAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      published: false,
      getAbsoluteUrl: () => `/articles/${slug}/`,
    });
  }
}

type SlugRequest = Request<{ slug: string }>;

// ---- views.py --------------------------------------------------------------------------
const articleEtag = (req: Request) => {
  const article = articles.get(String(req.params.slug));
  return article && `"${article.version}"`;
};

const articleUpdated = (req: Request) => articles.get(String(req.params.slug))?.updatedAt;

export const articleList: ViewHandler = requireSafe(
  cacheControl({ maxAge: 60, public: true })(
    varyOnHeaders('Accept-Language')((req) => render(req, 'articles.njk', { articles: [...articles.values()] })),
  ),
);

export const articleDetail = requireSafe(
  condition({ etag: articleEtag, lastModified: articleUpdated })((req: SlugRequest) => {
    const article = getObjectOr404(articles.get(req.params.slug));
    return render(req, 'article.njk', { article });
  }),
);

export class ArticleApi extends View {
  override get(req: Request): JsonResponse {
    const article = getObjectOr404(articles.get(String(req.params.slug)));
    return new JsonResponse({ slug: article.slug, title: article.title });
  }

  override delete(req: Request): HttpResponse {
    articles.delete(getObjectOr404(articles.get(String(req.params.slug))).slug);
    return new HttpResponse('', { status: 204 });
  }
}

export const publish = requirePOST(
  neverCache((req: SlugRequest) => {
    const article = getObjectOr404(articles.get(req.params.slug));
    article.published = true;
    saveArticle(article);
    return redirect(article);
  }),
);

export const oldArticle = RedirectView.asView({ url: '/articles/%(slug)s/', permanent: true });

/** Record who changed what: connect in processRequest, disconnect after the view. */
export class AuditMiddleware extends MiddlewareMixin {
  #record: ((article: Article) => void) | undefined;

  override processRequest(req: Request): undefined {
    const actor = req.get('X-User') ?? 'anonymous';
    this.#record = (article) => logEntries.push({ actor, object: article.slug });
    preSave.on('save', this.#record);
    return undefined;
  }

  override processResponse(_req: Request, response: ViewResult): ViewResult {
    this.#disconnect();
    return response;
  }

  override processException(): undefined {
    this.#disconnect();
    return undefined;
  }

  #disconnect(): void {
    if (this.#record) preSave.off('save', this.#record);
    this.#record = undefined;
  }
}
