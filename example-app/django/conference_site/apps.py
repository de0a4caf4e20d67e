from django.apps import AppConfig


def welcome(sender, request, user, **kwargs):
    """Greets a user who signed in; read on the next page, which may be an Express one."""
    from django.contrib import messages

    messages.info(request, f"Welcome back, {user.get_full_name() or user.username}.")


class ConferenceSiteConfig(AppConfig):
    name = "conference_site"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(welcome, dispatch_uid="conference_site.welcome")
