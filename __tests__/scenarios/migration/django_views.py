# blog/views.py — the Django views file that __tests__/scenarios/migration/views.ts ports.
# (With blog/urls.py and the MIDDLEWARE setting at the end, as comments.)
from django.db.models.signals import pre_save
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.deprecation import MiddlewareMixin
from django.views import View
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import condition, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django.views.generic import RedirectView

from .models import Article, LogEntry


def article_etag(request, slug):
    article = Article.objects.filter(slug=slug).first()
    return article and f'"{article.version}"'


def article_updated(request, slug):
    article = Article.objects.filter(slug=slug).first()
    return article and article.updated_at


@require_safe
@cache_control(max_age=60, public=True)
@vary_on_headers('Accept-Language')
def article_list(request):
    return render(request, 'articles.html', {'articles': Article.objects.all()})


@require_safe
@condition(etag_func=article_etag, last_modified_func=article_updated)
def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    return render(request, 'article.html', {'article': article})


class ArticleApi(View):
    def get(self, request, slug):
        article = get_object_or_404(Article, slug=slug)
        return JsonResponse({'slug': article.slug, 'title': article.title})

    def delete(self, request, slug):
        get_object_or_404(Article, slug=slug).delete()
        return HttpResponse(status=204)


@require_POST
@never_cache
def publish(request, slug):
    article = get_object_or_404(Article, slug=slug)
    article.published = True
    article.save()
    return redirect(article)


old_article = RedirectView.as_view(url='/articles/%(slug)s/', permanent=True)


class AuditMiddleware(MiddlewareMixin):
    """Record who changed what: connect in process_request, disconnect after the view."""

    def process_request(self, request):
        def record(sender, instance, **kwargs):
            LogEntry.objects.create(actor=request.user.username, object=str(instance))

        self.record = record
        pre_save.connect(record, sender=Article, weak=False)

    def process_response(self, request, response):
        pre_save.disconnect(self.record, sender=Article)
        return response

    def process_exception(self, request, exception):
        pre_save.disconnect(self.record, sender=Article)


# blog/urls.py
# urlpatterns = [
#     path('articles/', article_list),
#     path('articles/<slug:slug>/', article_detail),
#     path('articles/<slug:slug>/publish/', publish),
#     path('api/articles/<slug:slug>/', ArticleApi.as_view()),
#     path('old/<slug:slug>/', old_article),
# ]
#
# settings.py
# MIDDLEWARE = ['blog.views.AuditMiddleware']
