"""python manage.py curate — the admin's merges and re-extraction, from the shell.

Calls the same services as the admin actions (archive.curation), for batches of
corrections prepared outside the admin.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from archive.curation import services as curation
from archive.models import Article, Meeting, Organization


class Command(BaseCommand):
    help = "Merge organizations or meetings, or re-run extraction on articles."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="username recorded as the curator")
        sub = parser.add_subparsers(dest="what", required=True)
        orgs = sub.add_parser("merge-organizations", help="merge REMOVE into KEEP (slugs)")
        orgs.add_argument("keep")
        orgs.add_argument("remove", nargs="+")
        meetings = sub.add_parser("merge-meetings", help="merge REMOVE into KEEP (ids)")
        meetings.add_argument("keep", type=int)
        meetings.add_argument("remove", type=int, nargs="+")
        again = sub.add_parser("reextract", help="re-run extraction (keeps curator decisions)")
        again.add_argument("ids", type=int, nargs="*", help="article ids (default: all)")

    def handle(self, *args, what, user=None, **options):
        curator = None
        if user:
            curator = get_user_model().objects.filter(username=user).first()
            if curator is None:
                raise CommandError(f"no user named {user!r}")
        try:
            if what == "merge-organizations":
                keep = Organization.objects.get(slug=options["keep"])
                for slug in options["remove"]:
                    remove = Organization.objects.get(slug=slug)
                    record = curation.organization_merge(keep=keep, remove=remove, user=curator)
                    self.stdout.write(str(record))
            elif what == "merge-meetings":
                keep = Meeting.objects.get(pk=options["keep"])
                for pk in options["remove"]:
                    record = curation.meeting_merge(
                        keep=keep, remove=Meeting.objects.get(pk=pk), user=curator
                    )
                    self.stdout.write(str(record))
            else:
                qs = Article.objects.order_by("pk")
                if options["ids"]:
                    qs = qs.filter(pk__in=options["ids"])
                ids = list(qs.values_list("pk", flat=True))
                done = 0
                for start in range(0, len(ids), 200):  # one transaction per batch
                    batch = Article.objects.filter(pk__in=ids[start : start + 200])
                    done += curation.article_reextract(articles=batch)
                self.stdout.write(f"re-extracted {done} articles")
        except (Organization.DoesNotExist, Meeting.DoesNotExist, ValueError) as error:
            raise CommandError(str(error)) from error
