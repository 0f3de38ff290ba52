"""The operator's arguments expanded into the inputs to read (the directory walk)."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator

# Files a directory walk picks up. A file named explicitly on the command line is
# always read, whatever its extension.
INPUT_EXTENSIONS = frozenset(
    {
        ".txt",
        ".text",
        ".html",
        ".htm",
        ".xhtml",
        ".json",
        ".jsonl",
        ".ndjson",
        ".xml",
        ".rss",
        ".atom",
    }
)
COMPRESSED_EXTENSIONS = frozenset({".gz", ".bz2", ".xz"})

# Files a directory walk skips even with an input extension: documentation that
# travels with a batch, and the reports an ingest run writes next to its inputs
# (the ingest command should name them "ingest-report*" or "*.report.json").
IGNORED_NAME_RE = re.compile(
    r"""^(
        readme | license | licence | changelog | notice | copying   # docs of a batch
      )(\..*)?$
      | ^ingest[-_.]?report                                         # ingest reports
      | \.report\.[a-z]+$
      | ^(ingest[-_.])?errors?\.[a-z]+$
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Editor and system leftovers.
TEMP_SUFFIXES = ("~", ".bak", ".swp", ".swo", ".tmp", ".part", ".crdownload")


def _strip_compression_suffix(name: str) -> str:
    root, ext = os.path.splitext(name)
    return root if ext.lower() in COMPRESSED_EXTENSIONS else name


def _walk_skipped(name: str) -> bool:
    lower = name.lower()
    return (
        name.startswith((".", "_", "#"))
        or lower.endswith(TEMP_SUFFIXES)
        or bool(IGNORED_NAME_RE.search(name))
    )


def _has_input_extension(name: str) -> bool:
    inner = _strip_compression_suffix(name.lower())
    return os.path.splitext(inner)[1] in INPUT_EXTENSIONS


def _within(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def iter_paths(
    args: Iterable[str], *, on_skip: Callable[[str, str], None] | None = None
) -> Iterator[str]:
    """Expand the operator's arguments into the inputs to read, in a stable order.

    * "-" (stdin) and files named explicitly pass through as given, whatever their name.
    * A directory is walked recursively in sorted order; it yields files with an input
      extension (``INPUT_EXTENSIONS``, optionally compressed: ".jsonl.gz"), and skips
      hidden files and directories (".git", ".DS_Store"), files and directories whose
      name starts with "_" ("__pycache__", "_drafts"; files also "#"), editor leftovers
      ("~", ".swp", ".bak", ...), batch docs (README, LICENSE, ...) and ingest reports
      ("ingest-report*", "*.report.json", "errors.txt").
    * A path that does not exist (or a directory that cannot be listed) is yielded as
      given, never raised: ``iter_records`` then raises ``InputError("no such file or
      directory")`` for it, so the caller reports it with the other failures and goes on.
    * Symbolic links to directories are not followed (no loops); each file is yielded once.
    * Security invariant: a walk yields regular files only (a FIFO would block the
      read forever, a device never ends) and never follows a symbolic link out of
      the directories given (``ln -s /etc/passwd batch/p.txt`` must not become an
      article). What it leaves out for these reasons is told to ``on_skip(path,
      reason)``.
    """
    seen: set[str] = set()
    args = list(args)
    roots = [os.path.realpath(a) for a in args if a != "-" and os.path.isdir(a)]
    skip = on_skip or (lambda path, reason: None)
    for arg in args:
        if arg == "-" or not os.path.isdir(arg):
            yield arg
            continue
        unreadable: list[str] = []
        for root, dirs, files in os.walk(arg, onerror=lambda err, bad=unreadable: bad.append(err)):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and d != "__pycache__")
            for d in dirs:
                if os.path.islink(os.path.join(root, d)):
                    skip(os.path.join(root, d), "symbolic link to a directory (not followed)")
            for name in sorted(files):
                if _walk_skipped(name) or not _has_input_extension(name):
                    continue
                path = os.path.join(root, name)
                key = os.path.realpath(path)
                if not _within(key, roots):
                    skip(path, "symbolic link out of the batch (not followed)")
                    continue
                try:
                    mode = os.stat(key).st_mode
                except OSError:
                    skip(path, "broken symbolic link")
                    continue
                if not stat.S_ISREG(mode):
                    skip(path, "not a regular file (a FIFO, socket or device)")
                    continue
                if key in seen:
                    continue
                seen.add(key)
                yield path
        for err in unreadable:
            yield getattr(err, "filename", None) or arg
