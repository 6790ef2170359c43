"""Learning outcomes on the event page: the scores grid, the feedback summary, testimonies."""
from sqlalchemy import func, select

from tracker.models import Attendance, AuditEntry, Testimony


def grid(attendances, **cells):
    data = {}
    for a in attendances:
        for name in ("pre_score", "post_score", "rating", "comment"):
            data[f"{name}-{a.id}"] = cells.get(f"{name}-{a.id}", "")
    return data


def test_the_grid_saves_scores_ratings_and_comments_for_the_whole_roster(
        db, staff_client, make_event, make_person, attend):
    event = make_event()
    a = attend(event, make_person("Aigul Bekova"))
    b = attend(event, make_person("Azamat Bekov", sex="M"))
    attend(event, make_person("Juris Ozols", "LV", "M"), role="trainer")
    page = staff_client.get(f"/events/{event.id}/outcomes").get_data(as_text=True)
    assert "Aigul Bekova" in page and "Juris Ozols" not in page  # participants only
    data = grid([a, b], **{f"pre_score-{a.id}": "40", f"post_score-{a.id}": "75", f"rating-{a.id}": "5",
                           f"comment-{a.id}": "Very useful", f"pre_score-{b.id}": "60",
                           f"post_score-{b.id}": "55", f"rating-{b.id}": "3"})
    response = staff_client.post(f"/events/{event.id}/outcomes", data=data)
    assert response.headers["Location"].endswith(f"/events/{event.id}#feedback")
    db.session.expire_all()
    assert (a.pre_score, a.post_score, a.rating, a.comment) == (40, 75, 5, "Very useful")
    assert (b.pre_score, b.post_score, b.rating, b.comment) == (60, 55, 3, None)
    summary = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    feedback = summary[summary.index('id="feedback-summary"'):]
    assert '<div class="card-figure">4.0</div>' in feedback  # mean rating
    assert '<div class="card-figure">+15.0</div>' in feedback  # (35 + -5) / 2
    assert "Very useful" in feedback


def test_a_bad_cell_saves_nothing_and_is_marked(db, staff_client, make_event, make_person, attend):
    event = make_event()
    a = attend(event, make_person("Aigul Bekova"))
    b = attend(event, make_person("Azamat Bekov", sex="M"))
    data = grid([a, b], **{f"pre_score-{a.id}": "40", f"rating-{b.id}": "6", f"post_score-{b.id}": "101"})
    response = staff_client.post(f"/events/{event.id}/outcomes", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Rating: a whole number from 1 to 5" in page
    assert "Post-test: a whole number from 0 to 100" in page
    assert 'value="6"' in page  # what was typed stays, to be corrected
    db.session.expire_all()
    assert a.pre_score is None and b.rating is None
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


def test_managers_see_the_summary_but_not_comments_nor_the_grid(db, manager_client, make_event, make_person, attend):
    event = make_event()
    attend(event, make_person(), rating=4, comment="Aigul liked it")
    page = manager_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "mean rating of 5 (1 rating)" in page and "Aigul liked it" not in page
    assert manager_client.get(f"/events/{event.id}/outcomes").status_code == 403


def test_only_consented_testimonies_can_be_chosen_for_the_phase_report(db, staff_client, make_event):
    event = make_event()
    page = staff_client.post(f"/events/{event.id}/testimonies", data={
        "quote": "The workshop was very useful.", "attribution": "Officer from a Kyrgyz border crossing point",
        "language": "en", "is_in_phase_report": "y"}).get_data(as_text=True)
    assert "Only a testimony given with consent can be quoted in the phase report." in page
    assert db.session.scalar(select(func.count(Testimony.id))) == 0
    staff_client.post(f"/events/{event.id}/testimonies", data={
        "quote": "No consent here.", "attribution": "Participant", "language": "en"})
    staff_client.post(f"/events/{event.id}/testimonies", data={
        "quote": "Very useful.", "attribution": "Customs officer", "language": "en", "has_consent": "y"})
    unconsented, consented = db.session.scalars(select(Testimony).order_by(Testimony.id)).all()
    staff_client.post(f"/events/{event.id}/testimonies/{unconsented.id}/report")
    staff_client.post(f"/events/{event.id}/testimonies/{consented.id}/report")
    db.session.expire_all()
    assert not unconsented.is_in_phase_report and consented.is_in_phase_report
    page = staff_client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "no consent: not for reports" in page and "in the phase report" in page


def test_register_columns_carry_scores_and_ratings(db):
    from tests.support.register_files import register_rows, to_csv
    from tracker.register import apply_plan, prepare

    rows = register_rows({"full_name": "Aigul Bekova", "country": "KG", "pre_score": "50",
                          "post_score": "80", "rating": "4"})
    plan = prepare(to_csv(rows))
    apply_plan(plan, source="t")
    attendance = db.session.scalar(select(Attendance))
    assert (attendance.pre_score, attendance.post_score, attendance.rating) == (50, 80, 4)
    bad = prepare(to_csv([{**rows[0], "rating": "0", "pre_score": "101"}]))
    assert [str(e) for e in bad.errors] == ["row 2, pre_score: “101” is not a whole number from 0 to 100",
                                            "row 2, rating: “0” is not a whole number from 1 to 5"]
