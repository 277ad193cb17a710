"""The site search: published content of every kind, in the page's language.

Each searchable kind is one `SearchKind` in SEARCH_KINDS. On PostgreSQL the
search is full-text with the language's own dictionary (so "kinderen" finds
"kind"), ranked across kinds, backed by one GIN index per language
(`search_indexes`). On SQLite, the embedded development database, every word
must appear somewhere in the row (case-insensitive), title matches first.
"""

import html
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.migrations.operations import AddIndex
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Each language's PostgreSQL text search configuration (stemming, stop words).
SEARCH_CONFIGS = {"en": "english", "nl": "dutch", "fr": "french", "nb": "norwegian", "da": "danish"}

# A longer query is cut here: no one types more, and it bounds the work per request.
MAX_QUERY_LENGTH = 200
MIN_QUERY_LENGTH = 2
# On SQLite each word is one more LIKE per field; more words than this are ignored.
MAX_WORDS = 10
EXCERPT_WORDS = 30

# Private-use characters mark the matches in a PostgreSQL headline; they never
# occur in editors' text, so the excerpt can be escaped first and marked after.
START, STOP = "\ue000", "\ue001"
TAG = r"<[^>]*>"


@dataclass(frozen=True)
class SearchKind:
    """One kind of content the search finds.

    model: "app_label.Model", whose manager has `published()`.
    title: the translated field shown as the result's title (weighted highest).
    fields: further translated text fields searched and used for the excerpt
        (rich text is fine: tags are stripped before the excerpt is made).
    url: how to link a row; by default its get_absolute_url().
    """

    key: str
    model: str
    label: str
    title: str
    fields: tuple = ()
    select_related: tuple = ()
    url: object = field(default=None, compare=False)

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def queryset(self):
        return self.model_class.objects.published().select_related(*self.select_related)

    def url_of(self, obj):
        return self.url(obj) if self.url else obj.get_absolute_url()


def publication_url(publication):
    return publication.file.url


SEARCH_KINDS = [
    SearchKind("page", "ngo.Page", _("Page"), "title", ("body",)),
    SearchKind("programme", "programmes.Programme", _("Programme"), "title", ("summary", "body")),
    SearchKind(
        "project", "programmes.Project", _("Project"), "name", ("summary", "body", "places")
    ),
    SearchKind(
        "agenda", "advocacy.Agenda", _("Advocacy agenda"), "title", ("introduction", "addressee")
    ),
    SearchKind("demand", "advocacy.Demand", _("Demand"), "text", select_related=("agenda",)),
    SearchKind(
        "publication",
        "advocacy.Publication",
        _("Publication"),
        "title",
        ("summary",),
        url=publication_url,
    ),
]


def search_vector(title, fields, code):
    """The document of one row in one language: the title weighs more than the rest.

    The indexes are built from this same expression, so PostgreSQL can use them.
    """
    config = SEARCH_CONFIGS[code]
    vector = SearchVector(f"{title}_{code}", weight="A", config=config)
    if fields:
        rest = SearchVector(*(f"{name}_{code}" for name in fields), weight="B", config=config)
        vector = vector + rest
    return vector


def search_indexes(model_name, title, fields):
    """One GIN index per language, for a model's Meta.indexes.

    Add them in a migration with PostgresOnlyAddIndex: SQLite has no GIN.
    """
    return [
        GinIndex(search_vector(title, fields, code), name=f"{model_name}_search_{code}")
        for code in SEARCH_CONFIGS
    ]


class PostgresOnlyAddIndex(AddIndex):
    """AddIndex that creates the index on PostgreSQL only; other databases keep
    the migration state (so the models match it) but get no index."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def clean_query(raw):
    """The query as searched: control characters dropped (PostgreSQL refuses NUL),
    whitespace collapsed, cut to MAX_QUERY_LENGTH."""
    printable = "".join(c if c.isprintable() else " " for c in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def words_of(query):
    """The words of a query, without the operators people type (quotes, -, |, &, ...)."""
    return re.findall(r"\w+", query)[:MAX_WORDS]


def full_text():
    return connection.vendor == "postgresql"


class Search:
    """The matches for one query in the active language.

    `rows()` is one queryset over every kind (a UNION of (pk, kind, rank)),
    ordered by rank, so a paginator counts and slices it in the database;
    `results(rows)` turns one page of it into results, one query per kind.
    """

    def __init__(self, query, kinds=None, code=None):
        self.query = query
        self.kinds = {kind.key: kind for kind in kinds or SEARCH_KINDS}
        self.code = code or get_language()
        self.words = words_of(query)
        self.search_query = SearchQuery(
            query, search_type="websearch", config=SEARCH_CONFIGS[self.code]
        )

    def matches(self, kind):
        """This kind's published rows that match, annotated with `rank`."""
        queryset = kind.model_class.objects.published()
        title = f"{kind.title}_{self.code}"
        if full_text():
            vector = search_vector(kind.title, kind.fields, self.code)
            return (
                queryset.annotate(document=vector)
                .filter(document=self.search_query)
                .annotate(rank=SearchRank(vector, self.search_query))
            )
        if not self.words:
            return queryset.none().annotate(rank=models.Value(0.0))
        names = [title, *(f"{name}_{self.code}" for name in kind.fields)]
        for word in self.words:
            queryset = queryset.filter(
                models.Q.create([(f"{name}__icontains", word) for name in names], connector="OR")
            )
        in_title = models.Q.create([(f"{title}__icontains", w) for w in self.words])
        return queryset.annotate(
            rank=models.Case(
                models.When(in_title, then=models.Value(1.0)),
                default=models.Value(0.5),
                output_field=models.FloatField(),
            )
        )

    def rows(self):
        parts = [
            self.matches(kind)
            .annotate(kind=models.Value(key, output_field=models.CharField()))
            .order_by()
            .values_list("pk", "kind", "rank")
            for key, kind in self.kinds.items()
        ]
        first, *rest = parts
        return first.union(*rest, all=True).order_by("-rank", "kind", "pk")

    def results(self, rows):
        """Results for one page of rows, in their order: one query per kind on the page."""
        pks = {}
        for pk, key, _rank in rows:
            pks.setdefault(key, []).append(pk)
        found = {}
        for key, kind_pks in pks.items():
            kind = self.kinds[key]
            queryset = kind.queryset().filter(pk__in=kind_pks)
            if full_text() and kind.fields:
                queryset = queryset.annotate(headline=self.headline(kind))
            for obj in queryset:
                found[key, obj.pk] = SearchResult(
                    kind=kind,
                    title=getattr(obj, kind.title),
                    url=kind.url_of(obj),
                    excerpt=self.excerpt(kind, obj),
                )
        return [found[key, pk] for pk, key, _rank in rows if (key, pk) in found]

    def headline(self, kind):
        """The best fragment of the row's text, tags removed first so the
        fragment is plain text (a fragment of HTML could cut a tag in half)."""
        texts = []
        for name in kind.fields:
            column = Coalesce(
                f"{name}_{self.code}", models.Value(""), output_field=models.TextField()
            )
            texts += [
                models.Func(
                    column,
                    models.Value(TAG),
                    models.Value(" "),
                    models.Value("g"),
                    function="regexp_replace",
                    output_field=models.TextField(),
                ),
                models.Value(" "),
            ]
        return SearchHeadline(
            Concat(*texts, output_field=models.TextField()),
            self.search_query,
            config=SEARCH_CONFIGS[self.code],
            start_sel=START,
            stop_sel=STOP,
            max_words=EXCERPT_WORDS,
            min_words=EXCERPT_WORDS // 2,
        )

    def excerpt(self, kind, obj):
        if not kind.fields:
            return ""
        if full_text():
            return marked_excerpt(plain_text(obj.headline))
        text = plain_text(" ".join(getattr(obj, f"{n}_{self.code}") or "" for n in kind.fields))
        return highlight(window(text, self.words), self.words)


@dataclass
class SearchResult:
    kind: SearchKind
    title: str
    url: str
    excerpt: str


def plain_text(value):
    """Editors' rich text as plain text: tags gone, entities read, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(re.sub(TAG, " ", value or ""))).split())


def marked_excerpt(headline):
    """A PostgreSQL headline, escaped, with its match markers turned into <mark>."""
    escaped = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(escaped)  # noqa: S308 - built from escaped plain text


def window(text, words):
    """About EXCERPT_WORDS words of `text` around the first match."""
    match = re.search("|".join(re.escape(w) for w in words), text, re.IGNORECASE) if words else None
    start = text.rfind(" ", 0, max(0, match.start() - 80)) + 1 if match else 0
    excerpt = Truncator(text[start:]).words(EXCERPT_WORDS, truncate="…")
    return f"…{excerpt}" if start else excerpt


def highlight(text, words):
    """`text` escaped, each occurrence of a word wrapped in <mark>."""
    if not words:
        return escape(text)
    pattern = re.compile("(" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)
    pieces = pattern.split(text)
    # re.split with one group alternates: text, match, text, match, ...
    marked = "".join(
        f"<mark>{escape(piece)}</mark>" if index % 2 else escape(piece)
        for index, piece in enumerate(pieces)
    )
    return mark_safe(marked)  # noqa: S308 - every piece is escaped
