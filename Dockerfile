# The archive's web image: gunicorn (gunicorn.conf.py) serving Django, static files by
# whitenoise. docker-compose.yml runs it with PostgreSQL; see README "Production".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_ENV_FILE=

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
COPY archive ./archive
RUN pip install .

COPY . .
RUN useradd --system --uid 10001 --home-dir /app archive \
    && mkdir -p var/staticfiles var/backups var/cache \
    && chown -R archive:archive var
USER archive

EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "archive.wsgi:application"]
