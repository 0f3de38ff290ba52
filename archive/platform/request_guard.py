"""Requests whose path or parameters carry control characters are refused with a 400."""

from __future__ import annotations

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# C0 controls, DEL and C1 controls. Tab, line feed and carriage return are ordinary in
# form fields (a note's lines); a path has no use for any of them.
_PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_PARAMETER_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _has_control(query_dict) -> bool:
    return any(
        _PARAMETER_CONTROL.search(key) or any(_PARAMETER_CONTROL.search(v) for v in values)
        for key, values in query_dict.lists()
    )


class ControlCharacterMiddleware:
    """SECURITY INVARIANT: no view sees a NUL or another control character in the path
    or a GET/POST parameter. PostgreSQL text cannot hold NUL (a query with one fails,
    which was a 500 on every route taking a slug or a token), and no legitimate address
    or form value carries the others. Runs before the login check and the search cache,
    so the answer is the same for every visitor and is never cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = _PATH_CONTROL.search(request.path_info) or _has_control(request.GET)
        if not bad and request.method == "POST":
            bad = _has_control(request.POST)
        if bad:
            message = _("The address or a form field contains a control character.")
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
