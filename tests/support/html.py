"""Reading what a page shows a person."""


def error_next_to(page: str, field_id: str) -> str:
    """The error messages shown with a field (the macro puts them right after the input)."""
    start = page.index(f'id="{field_id}"')
    block = page[start:page.index("</div>\n", page.index("invalid-feedback", start)) + 6]
    assert "is-invalid" in page[page.rfind("<", 0, start):start + 200], f"{field_id} not marked"
    return block
