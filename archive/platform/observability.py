"""Request ids and structured (JSON) logs, for Django and for gunicorn's access log.

Every request gets an id: the client's (or the load balancer's) ``X-Request-ID`` when it
is sane, otherwise a new one. It is sent back in the ``X-Request-ID`` response header and
added to every log record written while the request is handled, so one grep finds all
lines of a request: Django's, the application's and gunicorn's access line.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import time
import uuid

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
# Letters, digits and . _ - only, 8 to 128 characters: enough for UUIDs, ULIDs and the
# ids proxies make, and nothing that could forge a log line or carry markup.
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def sane_request_id(value: str | None) -> str | None:
    """The given id if it is safe to log and echo, else None."""
    if value and _SANE_ID.fullmatch(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets the request id for the duration of the request and on the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = sane_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        request.request_id = request_id
        # gthread workers reuse threads: reset, or the next request would inherit the id.
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request_id = request_id_var.get()
            if request_id == "-":
                # django.request logs 4xx/5xx after the middleware returned; it passes the request.
                request_id = getattr(getattr(record, "request", None), "request_id", "-")
            record.request_id = request_id
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: time, level, logger, message, request_id and extras."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", False)
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s", *args, **kwargs
        )

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        # django.request passes the HttpRequest as an extra: its repr says enough.
        if "request" in log_record:
            log_record["request"] = repr(log_record["request"])
        log_record.pop("server_time", None)  # runserver's own timestamp, duplicates asctime


try:  # gunicorn is a dependency, but this module is also used where it is not running
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # pragma: no cover
    _GunicornLogger = object  # type: ignore[assignment,misc]


def _console(handler: logging.Handler) -> bool:
    """A handler gunicorn made for "-" (a console stream, not a log file)."""
    return (
        getattr(handler, "_gunicorn", False)
        and isinstance(handler, logging.StreamHandler)
        and not isinstance(handler, logging.FileHandler)
    )


class GunicornJsonLogger(_GunicornLogger):  # type: ignore[valid-type,misc]
    """gunicorn's logs on standard output, one JSON object per line.

    The access line carries the request id the Django middleware put on the response.
    """

    def setup(self, cfg):
        super().setup(cfg)
        for handler in self.error_log.handlers:
            if _console(handler):
                handler.setStream(sys.stdout)
                handler.setFormatter(JsonFormatter())
                handler.addFilter(RequestIdFilter())
        for handler in self.access_log.handlers:
            if _console(handler):
                handler.setStream(sys.stdout)

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        headers = {name.lower(): value for name, value in (resp.headers or [])}
        duration_ms = round(request_time.total_seconds() * 1000, 2)
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "message": "request",
            "request_id": headers.get(REQUEST_ID_HEADER.lower(), "-"),
            "remote_addr": environ.get("REMOTE_ADDR", "-"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING", ""),
            "status": getattr(resp, "status_code", None) or str(resp.status).split()[0],
            "bytes": getattr(resp, "sent", None),
            "duration_ms": duration_ms,
            "user_agent": environ.get("HTTP_USER_AGENT", "-"),
        }
        try:
            self.access_log.info(json.dumps(line, ensure_ascii=False, default=str))
        except Exception:  # noqa: BLE001 - a log line must never break a response
            self.exception("access log failed")
