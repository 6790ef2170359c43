"""The audit log shows what changed field by field, "label: before → after", in the page's
language — a merge as the record it absorbed and the fields it changed, not raw data."""
from tracker.duplicates.services import merge
from tracker.extensions import db as _db


def change_cells(page: str) -> str:
    return page[page.index("<tbody>"):page.index("</tbody>")]


def test_a_merge_reads_as_fields_before_and_after_not_raw_data(db, admin_client, make_person,
                                                                make_event, attend):
    survivor = make_person("Rayimberdi Tashiev", "KG", "M", position=None)
    absorbed = make_person("Raiymberdi Tashiev", "KG", "M", position="Customs inspector")
    attend(make_event(), absorbed)
    absorbed_id = absorbed.id
    merge(survivor, absorbed, {"position": "absorbed"}, admin_client.user)
    _db.session.commit()

    cells = change_cells(admin_client.get("/admin/audit?action=merge").get_data(as_text=True))
    assert "{&#39;" not in cells and "&#39;id&#39;" not in cells and "None" not in cells
    assert f"Merged into this record:</span>\n          #{absorbed_id} Raiymberdi Tashiev (KG)" in cells
    assert "Attendances taken over:</span>\n           → 1" not in cells  # no arrow from nothing
    assert "Attendances taken over:</span>\n          1" in cells
    assert "Position:</span>\n          – → Customs inspector" in cells

    admin_client.user.locale = "ru"
    _db.session.commit()
    cells = change_cells(admin_client.get("/admin/audit?action=merge").get_data(as_text=True))
    assert "Должность:</span>\n          – → Customs inspector" in cells
    assert "Объединена с этой записью:" in cells


def test_an_edit_shows_only_what_changed_with_dates_written_as_on_the_pages(
        db, staff_client, admin_client, make_event):
    event = make_event()
    staff_client.post(f"/events/{event.id}/edit", data={
        "title": "Document security workshop", "kind_id": str(event.kind_id), "scope": "regional",
        "status": "held", "start_date": "2016-03-14", "end_date": "2016-03-17",
        "country_code": "KG", "city": "Osh", "phase": "", "code": "", "notes": "",
        "version": str(event.version)})
    cells = change_cells(admin_client.get("/admin/audit?action=update").get_data(as_text=True))
    assert "End date:</span>\n          16.03.2016 → 17.03.2016" in cells
    assert "City:</span>\n          Bishkek → Osh" in cells
    assert "Title:" not in cells  # unchanged, so not listed
