"""Pagination of selects that return rows of several columns (an entity and its counts)."""
from flask import current_app, request
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import Select

from .extensions import db
from .security import whole_number

MAX_PAGE = 1_000_000  # past it the row offset would overflow the database's integers


def page_number() -> int:
    """The ?page= of the request: 1 when missing or not a page number, at most MAX_PAGE."""
    number = whole_number(request.args.get("page"), max_digits=len(str(MAX_PAGE))) or 1
    return min(max(number, 1), MAX_PAGE)


class RowPagination(SelectPagination):
    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).unique().all())


def paginate_rows(select: Select, per_page: int | None = None) -> RowPagination:
    return RowPagination(
        select=select, session=db.session(), page=page_number(),
        per_page=per_page or current_app.config["EVENTS_PER_PAGE"], error_out=False, count=True)
