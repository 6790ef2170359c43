"""Suspected duplicates: which pairs of people are listed for a coordinator, and which not."""
import json
from datetime import datetime

import pytest

from tracker.duplicates.suspects import suspected_duplicates
from tracker.identity import name_key
from tracker.models import DistinctPair
from tracker.name_match import name_score


def listed(country_code=None) -> set[frozenset[str]]:
    return {frozenset((a.full_name, b.full_name))
            for a, b, *_ in suspected_duplicates(country_code)}


@pytest.mark.parametrize("written, also_written", [
    ("Aigul Bekova", "Aigul Bekovaa"),                                   # a typo
    ("Nurlanbek Toktogulov", "Nurlanbek Toktogulv"),                     # a dropped letter
    ("Rayimberdi Duishenbiev Asanovich", "Duishenbiev Rayimberdi"),     # a patronymic in one
    ("Дуйшенбиев Райымберди", "Duishenbiev Rayimberdi"),               # another script
    ("Rayimberdi Duishenbiev", "Raiymberdi Duishenbiev"),               # another transliteration
    ("Хуршид Джураев", "Xurshid Juraev"),                               # Uzbek Latin
    ("Bekova Aigul", "Aigul Bekova"),                                   # swapped names
    ("Asel Ibraimova", "Ibraimova Asell"),                               # swapped, and a typo
])
def test_near_spellings_of_one_name_are_listed(db, make_person, written, also_written):
    make_person(written, "KG", "F")
    make_person(also_written, "KG", "F")
    assert listed() == {frozenset((written, also_written))}


@pytest.mark.parametrize("one, other", [
    ("Aibek Asanov", "Aibek Usenov"),
    ("Ivan Petrov Sergeevich", "Ivan Petrov Nikolaevich"),  # two fathers, two sons
    ("Aigul", "Aigul Bekova"),
    ("Kanat Shodmonov", "Kanat Shodmonovich Yakhyaev"),   # a patronymic is not a surname
    ("Erlan Tulegenov", "Askhat Erlan Tulegenov"),        # a second given name, not a patronymic
    ("Akhmad Amiri", "Akhmad Rakhim Amir"),               # a slip and a token more
])
def test_different_names_are_not_listed(db, make_person, one, other):
    make_person(one, "KG", "M")
    make_person(other, "KG", "M")
    assert listed() == set()


def test_two_common_names_a_letter_apart_are_two_names_not_a_slip(db, make_person):
    for first in ("Aibek", "Bakyt", "Talant"):
        make_person(f"{first} Kadyrov", "KG", "M")
        make_person(f"{first} Sadyrov", "KG", "M")
    make_person("Nurlan Kadyrov", "KG", "M")
    make_person("Nurlan Kadyrv", "KG", "M")
    for first in ("Saule", "Aigul", "Asel"):  # a woman recorded under the masculine form
        make_person(f"{first} Sagyndykova", "KG", "F")
        make_person(f"{first} Sagyndykov", "KG", "M" if first != "Saule" else "F")
    assert listed() == {frozenset(("Nurlan Kadyrov", "Nurlan Kadyrv")),
                        frozenset(("Saule Sagyndykova", "Saule Sagyndykov")),
                        frozenset(("Aigul Sagyndykova", "Aigul Sagyndykov")),
                        frozenset(("Asel Sagyndykova", "Asel Sagyndykov"))}
    scores = {a.full_name: score for a, _, score, _ in suspected_duplicates()}
    assert scores["Aigul Sagyndykova"] < scores["Saule Sagyndykova"]  # his and hers


def test_scores_are_between_zero_and_one_best_first(db, make_person):
    make_person("Aigul Bekova", "KG")
    make_person("Bekova Aigul", "KG")
    make_person("Nurlanbek Toktogulov", "KG", "M")
    make_person("Nurlanbek Toktogulv", "KG", "M")
    scores = [score for _, _, score, _ in suspected_duplicates()]
    assert scores == sorted(scores, reverse=True) and scores[0] == 1.0 and 0 < scores[1] < 1


def test_namesakes_of_two_countries_are_not_listed(db, make_person):
    make_person("Aigul Bekova", "KG")
    make_person("Aigul Bekova", "KZ")
    make_person("Айгуль Бекова", "UZ")
    assert listed() == set()


def test_a_country_lists_only_its_own_pairs(db, make_person):
    make_person("Aigul Bekova", "KG"), make_person("Aigul Bekovaa", "KG")
    make_person("Dana Amanova", "KZ"), make_person("Dana Amanovaa", "KZ")
    assert listed("KZ") == {frozenset(("Dana Amanova", "Dana Amanovaa"))}


def test_conflicting_emails_are_two_people_and_equal_emails_one(db, make_person):
    make_person("Aigul Bekova", "KG", email="aigul@customs.kg")
    make_person("Aigul Bekovaa", "KG", email="a.bekova@mail.kg")
    make_person("Dana Amanova", "KG", email="DANA@border.kg")
    make_person("Dana Seitkali", "KG", email="dana@border.kg")  # married since
    pairs = suspected_duplicates()
    assert [(a.full_name, b.full_name, s) for a, b, s, _ in pairs] == [
        ("Dana Amanova", "Dana Seitkali", 1.0)]


def test_a_pair_marked_distinct_is_never_listed_again(db, make_person):
    a, b = make_person("Aigul Bekova", "KG"), make_person("Aigul Bekovaa", "KG")
    db.session.add(DistinctPair(person_a_id=a.id, person_b_id=b.id))
    db.session.commit()
    assert listed() == set()


def test_the_list_follows_every_change_to_the_people(db, make_person):
    make_person("Aigul Bekova", "KG")
    typo = make_person("Aigul Bekovaa", "KG")
    assert listed() == {frozenset(("Aigul Bekova", "Aigul Bekovaa"))}
    typo.full_name = "Asel Toktogulova"
    db.session.commit()
    assert listed() == set()
    make_person("Asel Toktogulovva", "KG")
    assert listed() == {frozenset(("Asel Toktogulova", "Asel Toktogulovva"))}
    typo.erased_at = datetime(2020, 1, 1)
    db.session.commit()
    assert listed() == set()


def test_erased_people_are_skipped(db, make_person):
    make_person("Aigul Bekova", "KG")
    make_person("Aigul Bekovaa", "KG", erased_at=datetime(2020, 1, 1))
    assert listed() == set()


def test_a_sex_conflict_lowers_the_score_of_a_pair(db, make_person):
    make_person("Aibek Asanov", "KG", "M"), make_person("Aibek Asanovv", "KG", "M")
    make_person("Asel Bekov", "KG", "M"), make_person("Asel Bekova", "KG", "F")
    scores = {a.full_name: score for a, _, score, _ in suspected_duplicates()}
    same_sex = name_score(name_key("Aibek Asanov"), name_key("Aibek Asanovv"))
    assert scores == {"Aibek Asanov": same_sex, "Asel Bekov": pytest.approx(0.9 * name_score(
        name_key("Asel Bekov"), name_key("Asel Bekova")), abs=0.001)}


def test_flask_duplicates_prints_json_and_text(app, db, make_person):
    a, b = make_person("Дуйшенбиев Райымберди", "KG", "M"), make_person("Rayimberdi Duishenbiev", "KG", "M")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["duplicates", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == [{
        "a": {"id": a.id, "full_name": "Дуйшенбиев Райымберди", "country": "KG"},
        "b": {"id": b.id, "full_name": "Rayimberdi Duishenbiev", "country": "KG"},
        "score": 0.99, "reason": "other transliteration", "reasons": ["other transliteration"]}]
    text = runner.invoke(args=["duplicates"]).output
    assert f"#{a.id} Дуйшенбиев Райымберди  ~  #{b.id} Rayimberdi Duishenbiev" in text
    assert "1 suspected duplicate pair." in text
    refused = runner.invoke(args=["duplicates", "--country", "XX"])
    assert refused.exit_code == 2 and "no country XX" in refused.output
