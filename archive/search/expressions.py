"""ORM expressions and the ``__any`` lookup that put compiled queries into querysets."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import BooleanField, F, Field, FloatField, Lookup
from django.db.models.expressions import Expression
from django.db.models.fields.related import ForeignObject

from archive.search.config import RANK_WEIGHTS, quote_lexeme
from archive.search.query import CompiledQuery

#
# Small expressions in the manner of django.contrib.postgres.search: the column is
# compiled by Django (so they work in subqueries and joins), the query's SQL is the
# fixed operator text of CompiledQuery, and every value is a bound parameter.


class _OverColumns(Expression):
    def __init__(self, *columns, output_field) -> None:
        super().__init__(output_field=output_field)
        self.columns = [F(c) if isinstance(c, str) else c for c in columns]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def _compiled_columns(self, compiler, connection):
        parts = [compiler.compile(c) for c in self.columns]
        return [sql for sql, _ in parts], [p for _, params in parts for p in params]


class TsMatch(_OverColumns):
    """column @@ compiled query"""

    def __init__(self, column, query: CompiledQuery) -> None:
        super().__init__(column, output_field=BooleanField())
        self.query = query

    def as_sql(self, compiler, connection):
        (column,), params = self._compiled_columns(compiler, connection)
        return f"({column} @@ {self.query.sql})", (*params, *self.query.params)


class TsRank(_OverColumns):
    """ts_rank with the archive's weights (title A, lead B, body C)."""

    def __init__(self, column, query: CompiledQuery) -> None:
        super().__init__(column, output_field=FloatField())
        self.query = query

    def as_sql(self, compiler, connection):
        (column,), params = self._compiled_columns(compiler, connection)
        return (
            f"ts_rank(%s::float4[], {column}, {self.query.sql})",
            (RANK_WEIGHTS, *params, *self.query.params),
        )


class PeriodMatch(_OverColumns):
    """period_vector @@ (one of the given period lexemes); the lexemes come from
    period_lexemes() and are bound as one parameter."""

    def __init__(self, column, lexemes: list[str]) -> None:
        super().__init__(column, output_field=BooleanField())
        self.lexemes = list(lexemes)

    def as_sql(self, compiler, connection):
        (column,), params = self._compiled_columns(compiler, connection)
        query = " | ".join(quote_lexeme(x) for x in self.lexemes)
        return f"({column} @@ %s::tsquery)", (*params, query)


def id_array(ids: Iterable) -> str:
    """The PostgreSQL array literal of these integer ids (faster to send than a list of
    a thousand ints to adapt; int() admits nothing but digits and a sign)."""
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


class AnyOf(Lookup):
    """``field__any=[ids]``: the field is one of the ids, the list bound as ONE array
    parameter. For the thousand ids of a search's matches: ``__in`` would send a
    thousand parameters, which costs more to build and plan than the query takes."""

    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [id_array(value)])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # A semi-join with the unnested array, not "= ANY(array)": the planner then
        # knows the list's length and looks the ids up (a filter would test every
        # row of a large table against the whole list).
        return f"{lhs} IN (SELECT unnest({rhs}::bigint[]))", (*lhs_params, *rhs_params)


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)


class TextMatches(_OverColumns):
    """(title || newline || body) ~ pattern, for the spelling and exact levels."""

    def __init__(self, title, body, pattern: str) -> None:
        super().__init__(title, body, output_field=BooleanField())
        self.pattern = pattern

    def as_sql(self, compiler, connection):
        (title, body), params = self._compiled_columns(compiler, connection)
        return f"(({title} || E'\\n' || {body}) ~ %s)", (*params, self.pattern)
