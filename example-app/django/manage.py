#!/usr/bin/env python
"""The part of the conference site not migrated yet: Django's accounts, admin and messages page."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conference_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
