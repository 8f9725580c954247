"""Make a curator's account: staff, in the Curator group, with a password typed twice (never a default)."""

from __future__ import annotations

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from common.services import curator_create


class Command(BaseCommand):
    help = (
        "Create a curator (staff account in the Curator group). Asks for the username, email and password; "
        "with --noinput reads DJANGO_CURATOR_USERNAME, DJANGO_CURATOR_EMAIL and DJANGO_CURATOR_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help="the account's name (asked for when left out)")
        parser.add_argument("--email", help="the account's email address (asked for when left out)")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="ask nothing: take what is missing from DJANGO_CURATOR_* environment variables",
        )

    def handle(self, *args, username=None, email=None, interactive=True, **options):
        if interactive:
            username = username or input("Username: ")
            email = email if email is not None else input("Email address: ")
            password = self._password_twice()
        else:
            username = username or os.environ.get("DJANGO_CURATOR_USERNAME", "")
            email = email if email is not None else os.environ.get("DJANGO_CURATOR_EMAIL", "")
            password = os.environ.get("DJANGO_CURATOR_PASSWORD", "")
            if not password:
                raise CommandError("--noinput needs the password in DJANGO_CURATOR_PASSWORD; no default is used.")
            if not username:
                raise CommandError("--noinput needs --username or DJANGO_CURATOR_USERNAME.")
        try:
            user = curator_create(username=username, email=email or "", password=password)
        except ValidationError as error:
            problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
            raise CommandError(f"No account was made. {problems}") from None
        self.stdout.write(self.style.SUCCESS(f"Curator {user.username!r} created; sign in at /admin/."))

    def _password_twice(self) -> str:
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password and password == getpass.getpass("Password (again): "):
                return password
            self.stderr.write("The passwords were empty or did not match; type them again.")
        raise CommandError("No account was made: the passwords did not match three times.")
