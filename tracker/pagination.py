"""Pagination of selects that return rows of several columns (an entity and its counts)."""
from flask import current_app, request
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import Select

from .extensions import db


class RowPagination(SelectPagination):
    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).unique().all())


def paginate_rows(select: Select, per_page: int | None = None) -> RowPagination:
    page = request.args.get("page", "1")
    return RowPagination(
        select=select, session=db.session(),
        page=int(page) if page.isdigit() and int(page) > 0 else 1,
        per_page=per_page or current_app.config["EVENTS_PER_PAGE"], error_out=False, count=True)
