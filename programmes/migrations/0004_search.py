# The last-change time (for the sitemap) and the search indexes, one per language.
# GIN indexes exist on PostgreSQL only; SQLite keeps the state without them.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

from ngo.search import PostgresOnlyAddIndex


class Migration(migrations.Migration):

    dependencies = [
        ('ngo', '0003_photo_private_original'),
        ('programmes', '0003_unique_slugs'),
    ]

    operations = [
        migrations.AddField(
            model_name='programme',
            name='modified',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        migrations.AddField(
            model_name='project',
            name='modified',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        PostgresOnlyAddIndex(
            model_name='programme',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_en', config='english', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_en', 'body_en', config='english', weight='B'), django.contrib.postgres.search.SearchConfig('english')), name='programme_search_en'),
        ),
        PostgresOnlyAddIndex(
            model_name='programme',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_nl', config='dutch', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_nl', 'body_nl', config='dutch', weight='B'), django.contrib.postgres.search.SearchConfig('dutch')), name='programme_search_nl'),
        ),
        PostgresOnlyAddIndex(
            model_name='programme',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_fr', config='french', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_fr', 'body_fr', config='french', weight='B'), django.contrib.postgres.search.SearchConfig('french')), name='programme_search_fr'),
        ),
        PostgresOnlyAddIndex(
            model_name='programme',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_nb', config='norwegian', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_nb', 'body_nb', config='norwegian', weight='B'), django.contrib.postgres.search.SearchConfig('norwegian')), name='programme_search_nb'),
        ),
        PostgresOnlyAddIndex(
            model_name='programme',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_da', config='danish', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_da', 'body_da', config='danish', weight='B'), django.contrib.postgres.search.SearchConfig('danish')), name='programme_search_da'),
        ),
        PostgresOnlyAddIndex(
            model_name='project',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('name_en', config='english', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_en', 'body_en', 'places_en', config='english', weight='B'), django.contrib.postgres.search.SearchConfig('english')), name='project_search_en'),
        ),
        PostgresOnlyAddIndex(
            model_name='project',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('name_nl', config='dutch', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_nl', 'body_nl', 'places_nl', config='dutch', weight='B'), django.contrib.postgres.search.SearchConfig('dutch')), name='project_search_nl'),
        ),
        PostgresOnlyAddIndex(
            model_name='project',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('name_fr', config='french', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_fr', 'body_fr', 'places_fr', config='french', weight='B'), django.contrib.postgres.search.SearchConfig('french')), name='project_search_fr'),
        ),
        PostgresOnlyAddIndex(
            model_name='project',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('name_nb', config='norwegian', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_nb', 'body_nb', 'places_nb', config='norwegian', weight='B'), django.contrib.postgres.search.SearchConfig('norwegian')), name='project_search_nb'),
        ),
        PostgresOnlyAddIndex(
            model_name='project',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('name_da', config='danish', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_da', 'body_da', 'places_da', config='danish', weight='B'), django.contrib.postgres.search.SearchConfig('danish')), name='project_search_da'),
        ),
    ]
