# The last-change time (for the sitemap) and the search indexes, one per language.
# GIN indexes exist on PostgreSQL only; SQLite keeps the state without them.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

from ngo.search import PostgresOnlyAddIndex


class Migration(migrations.Migration):

    dependencies = [
        ('advocacy', '0002_unique_slugs'),
        ('programmes', '0003_unique_slugs'),
    ]

    operations = [
        migrations.AddField(
            model_name='agenda',
            name='modified',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        migrations.AddField(
            model_name='demand',
            name='modified',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        migrations.AddField(
            model_name='publication',
            name='modified',
            field=models.DateTimeField(auto_now=True, verbose_name='last changed'),
        ),
        PostgresOnlyAddIndex(
            model_name='agenda',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_en', config='english', weight='A'), '||', django.contrib.postgres.search.SearchVector('introduction_en', 'addressee_en', config='english', weight='B'), django.contrib.postgres.search.SearchConfig('english')), name='agenda_search_en'),
        ),
        PostgresOnlyAddIndex(
            model_name='agenda',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_nl', config='dutch', weight='A'), '||', django.contrib.postgres.search.SearchVector('introduction_nl', 'addressee_nl', config='dutch', weight='B'), django.contrib.postgres.search.SearchConfig('dutch')), name='agenda_search_nl'),
        ),
        PostgresOnlyAddIndex(
            model_name='agenda',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_fr', config='french', weight='A'), '||', django.contrib.postgres.search.SearchVector('introduction_fr', 'addressee_fr', config='french', weight='B'), django.contrib.postgres.search.SearchConfig('french')), name='agenda_search_fr'),
        ),
        PostgresOnlyAddIndex(
            model_name='agenda',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_nb', config='norwegian', weight='A'), '||', django.contrib.postgres.search.SearchVector('introduction_nb', 'addressee_nb', config='norwegian', weight='B'), django.contrib.postgres.search.SearchConfig('norwegian')), name='agenda_search_nb'),
        ),
        PostgresOnlyAddIndex(
            model_name='agenda',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_da', config='danish', weight='A'), '||', django.contrib.postgres.search.SearchVector('introduction_da', 'addressee_da', config='danish', weight='B'), django.contrib.postgres.search.SearchConfig('danish')), name='agenda_search_da'),
        ),
        PostgresOnlyAddIndex(
            model_name='demand',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.SearchVector('text_en', config='english', weight='A'), name='demand_search_en'),
        ),
        PostgresOnlyAddIndex(
            model_name='demand',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.SearchVector('text_nl', config='dutch', weight='A'), name='demand_search_nl'),
        ),
        PostgresOnlyAddIndex(
            model_name='demand',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.SearchVector('text_fr', config='french', weight='A'), name='demand_search_fr'),
        ),
        PostgresOnlyAddIndex(
            model_name='demand',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.SearchVector('text_nb', config='norwegian', weight='A'), name='demand_search_nb'),
        ),
        PostgresOnlyAddIndex(
            model_name='demand',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.SearchVector('text_da', config='danish', weight='A'), name='demand_search_da'),
        ),
        PostgresOnlyAddIndex(
            model_name='publication',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_en', config='english', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_en', config='english', weight='B'), django.contrib.postgres.search.SearchConfig('english')), name='publication_search_en'),
        ),
        PostgresOnlyAddIndex(
            model_name='publication',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_nl', config='dutch', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_nl', config='dutch', weight='B'), django.contrib.postgres.search.SearchConfig('dutch')), name='publication_search_nl'),
        ),
        PostgresOnlyAddIndex(
            model_name='publication',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_fr', config='french', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_fr', config='french', weight='B'), django.contrib.postgres.search.SearchConfig('french')), name='publication_search_fr'),
        ),
        PostgresOnlyAddIndex(
            model_name='publication',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_nb', config='norwegian', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_nb', config='norwegian', weight='B'), django.contrib.postgres.search.SearchConfig('norwegian')), name='publication_search_nb'),
        ),
        PostgresOnlyAddIndex(
            model_name='publication',
            index=django.contrib.postgres.indexes.GinIndex(django.contrib.postgres.search.CombinedSearchVector(django.contrib.postgres.search.SearchVector('title_da', config='danish', weight='A'), '||', django.contrib.postgres.search.SearchVector('summary_da', config='danish', weight='B'), django.contrib.postgres.search.SearchConfig('danish')), name='publication_search_da'),
        ),
    ]
