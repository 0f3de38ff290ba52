"""Source names stored before ingest removed bidi controls lose them now.

A name that becomes another source's name is that source: its articles move to it."""

from django.db import migrations


def clean_source_names(apps, schema_editor):
    from archive.text.script import clean_name

    Source = apps.get_model("archive", "Source")
    Article = apps.get_model("archive", "Article")
    for source in Source.objects.all().order_by("pk"):
        clean = clean_name(source.name) or "?"
        if clean == source.name:
            continue
        same = Source.objects.filter(name=clean).exclude(pk=source.pk).first()
        if same is None:
            source.name = clean
            source.save(update_fields=["name"])
        else:
            Article.objects.filter(source_id=source.pk).update(source_id=same.pk)
            source.delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0013_article_hash_index_lz4")]

    operations = [migrations.RunPython(clean_source_names, migrations.RunPython.noop)]
