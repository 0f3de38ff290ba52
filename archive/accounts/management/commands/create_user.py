"""manage.py create_user USERNAME --role analyst|curator|administrator"""

from __future__ import annotations

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive.accounts import roles, services


class Command(BaseCommand):
    help = (
        "Create a user with a role (analyst, curator or administrator). The password "
        "comes from an environment variable (--password-from-env VAR) or is prompted for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(roles.GROUPS))
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="read the password from this environment variable (never from the command line)",
        )
        parser.add_argument(
            "--no-password",
            action="store_true",
            help="create the account without a usable password (set one later)",
        )

    def handle(self, *args, username, role, email, password_from_env, no_password, **options):
        password = None
        if password_from_env:
            password = os.environ.get(password_from_env)
            if not password:
                raise CommandError(
                    f"The environment variable {password_from_env} is empty or unset."
                )
        elif not no_password:
            if not sys.stdin.isatty():
                raise CommandError("No terminal to prompt on: use --password-from-env VAR.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            user = services.user_create(
                username=username, role=role, email=email, password=password
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Created {user.get_username()} ({roles.GROUPS[role]}).")
        )
