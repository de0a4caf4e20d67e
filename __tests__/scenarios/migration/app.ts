/** urls.py and MIDDLEWARE for the ported views: an Express app, for Express 4 or 5. */
import type { Express } from 'express';
import { httpErrorHandler, view, viewMiddleware } from '../../../lib/index.js';
import type { AppFactory } from '../../helpers/apps.js';
import { useNunjucks } from '../../helpers/nunjucks.js';
import { ArticleApi, AuditMiddleware, articleDetail, articleList, oldArticle, publish } from './views.js';

export function createBlogApp(createApp: AppFactory): Express {
  const app = useNunjucks(createApp());
  app.use(viewMiddleware(AuditMiddleware.asMiddleware())); // MIDDLEWARE = [...]
  app.all('/articles/', view(articleList));
  app.all('/articles/:slug/', view(articleDetail));
  app.all('/articles/:slug/publish/', view(publish));
  app.all('/api/articles/:slug/', ArticleApi.asView());
  app.all('/old/:slug/', oldArticle);
  app.use(httpErrorHandler());
  return app;
}
