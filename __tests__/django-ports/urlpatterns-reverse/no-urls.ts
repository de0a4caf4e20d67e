/** Django's tests/urlpatterns_reverse/no_urls.py: a URLconf module with no urlpatterns in it. */
export {};
