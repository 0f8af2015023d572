"""R-PPL-2: person search tolerates typos, sound-alike spellings, swapped names, aliases and
missing dates, and never shows a person the searcher may not see."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.people import actions
from hearth.people.models import RestrictedAccess
from hearth.people.queries.search import SearchInputError, likely_duplicates, search_people


def names(matches) -> list[str]:
    return [m.person.display_name for m in matches]


def top(user, **terms):
    matches = search_people(user, **terms)
    assert matches, f"nothing found for {terms}"
    return matches[0]


def person(user, given, family, born=None, **extra):
    return actions.do_create_person(acting_user=user, given_name=given, family_name=family,
                                    date_of_birth=born, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Jack Flecther", "Jack Fletchr", "Jack Fletchher",
                                   "Jakc Fletcher", "Jack Flethcer"])
def test_R_PPL_2_fran_finds_jack_despite_a_typo(front_door, fletchers, typed):
    best = top(front_door, name=typed, dob="14/09/2016")
    assert best.person == fletchers["jack"]
    assert 0 < best.score <= 1
    assert "date of birth matches" in best.reasons


@pytest.mark.django_db
def test_R_PPL_2_a_typo_is_explained_as_similar_spelling(front_door, fletchers):
    best = top(front_door, name="Jack Flecther", dob="2016")
    assert best.person == fletchers["jack"]
    assert "similar spelling (Flecther / Fletcher)" in best.reasons
    assert "year of birth matches" in best.reasons


@pytest.mark.django_db
def test_R_PPL_2_a_typo_the_sound_keys_miss_is_found_by_trigrams(front_door, fletchers):
    """'Flwtcher' does not sound like Fletcher to a phonetic key; its three-letter pieces do."""
    assert top(front_door, name="Jack Flwtcher").person == fletchers["jack"]


@pytest.mark.django_db
@pytest.mark.parametrize(("recorded", "typed"), [
    (("Mohammed", "Khan"), "Muhammad Khan"),
    (("Mohammed", "Khan"), "Mohamed Khan"),
    (("John", "Smith"), "John Smyth"),
    (("Catherine", "Lowe"), "Kathryn Lowe"),
    (("Sean", "Murphy"), "Shaun Murphy"),
])
def test_R_PPL_2_names_that_sound_alike_are_found(front_door, recorded, typed):
    someone = person(front_door, *recorded, date(2012, 5, 6))
    best = top(front_door, name=typed, dob="2012-05-06")
    assert best.person == someone
    assert any(r.startswith("name sounds alike (") for r in best.reasons), best.reasons


@pytest.mark.django_db
def test_R_PPL_2_the_reason_names_both_spellings(front_door):
    person(front_door, "Mohammed", "Khan", date(2012, 5, 6))
    best = top(front_door, name="Muhammad Khan", dob="2012")
    assert "name sounds alike (Muhammad / Mohammed)" in best.reasons


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Fletcher Jack", "Fletcher, Jack"])
def test_R_PPL_2_swapped_given_and_family_names(front_door, fletchers, typed):
    best = top(front_door, name=typed, dob="14/09/2016")
    assert best.person == fletchers["jack"]
    if "," not in typed:  # "Family, Given" is the usual way round, not a swap
        assert "given and family names swapped" in best.reasons


@pytest.mark.django_db
def test_R_PPL_2_kerry_is_found_by_her_alias_and_her_previous_name(front_door, social_worker,
                                                                  fletchers):
    mum = fletchers["mum"]
    actions.do_add_name(mum, acting_user=social_worker, kind="alias", given_name="Kerry",
                        family_name="Smith")
    actions.do_add_name(mum, acting_user=social_worker, kind="previous", given_name="",
                        family_name="Doyle")
    best = top(front_door, name="Kerry Smith", dob="02/04/1990")
    assert best.person == mum
    assert "matches alias Kerry Smith" in best.reasons
    best = top(front_door, name="Kerry Doyle", dob="1990")
    assert best.person == mum
    assert "matches previous name Kerry Doyle" in best.reasons


@pytest.mark.django_db
@pytest.mark.parametrize(("dob", "reason"), [
    ("2016", "year of birth matches"),
    ("09/2016", "month and year of birth match"),
    ("2016-09", "month and year of birth match"),
    ("2016-09-14", "date of birth matches"),
    ("14/09/2016", "date of birth matches"),
    ("14.9.2016", "date of birth matches"),
])
def test_R_PPL_2_partial_dates_of_birth(front_door, fletchers, dob, reason):
    best = top(front_door, name="Jack Fletcher", dob=dob)
    assert best.person == fletchers["jack"]
    assert reason in best.reasons


@pytest.mark.django_db
def test_R_PPL_2_day_and_month_swapped(front_door):
    tia = person(front_door, "Tia", "Ward", date(2015, 3, 7))
    best = top(front_door, name="Tia Ward", dob="03/07/2015")  # typed month first
    assert best.person == tia
    assert "date of birth close (day and month swapped)" in best.reasons


@pytest.mark.django_db
def test_R_PPL_2_a_record_without_a_date_of_birth_is_still_found(front_door):
    nobody_knows = person(front_door, "Dean", "Hollis")
    best = top(front_door, name="Dean Hollis", dob="2001-02-03")
    assert best.person == nobody_knows
    assert "no date of birth recorded" in best.reasons


@pytest.mark.django_db
def test_R_PPL_2_search_by_postcode_alone(front_door, social_worker, fletchers):
    jack = fletchers["jack"]
    actions.do_add_address(jack, acting_user=social_worker, line1="1 Old Road",
                           postcode="PO1 2AB", start_date=date(2017, 1, 1))
    actions.do_add_address(jack, acting_user=social_worker, line1="2 New Road",
                           postcode="SO17 1BJ", start_date=date(2022, 1, 1))
    best = top(front_door, postcode="so171bj")
    assert best.person == jack and "postcode matches" in best.reasons
    best = top(front_door, postcode="PO1  2AB")
    assert best.person == jack and "postcode matches a previous address" in best.reasons
    assert top(front_door, name="Jack Fletcher", postcode="SO17").person == jack
    assert search_people(front_door, postcode="SW1A 1AA") == []


@pytest.mark.django_db
@pytest.mark.parametrize(("recorded", "typed"), [
    (("Siobhán", "O'Neill"), "Siobhan ONeill"),
    (("Siobhán", "O'Neill"), "siobhan o'neill"),
    (("Siobhán", "O'Neill"), "Siobhan O Neill"),
    (("Zoë", "Ward"), "Zoe Ward"),
    (("Amy", "Smith-Jones"), "Amy Smith Jones"),
    (("Amy", "Smith-Jones"), "Amy Smithjones"),
    (("Amy", "Smith-Jones"), "Amy Jones"),
    (("Łukasz", "Wiśniewski"), "Lukasz Wisniewski"),
    (("Mary Ann", "Smith"), "Mary Ann Smith"),
    (("Jack", "Fletcher"), "Jack Thomas Fletcher"),
])
def test_R_PPL_2_apostrophes_accents_and_double_barrelled_names(front_door, recorded, typed):
    someone = person(front_door, *recorded, date(2010, 10, 10))
    assert top(front_door, name=typed, dob="2010").person == someone


@pytest.mark.django_db
@pytest.mark.parametrize("dob", ["31/02/2016", "14/13/2016", "yesterday", "2016-9-31",
                                 "14/09/16", "0000"])
def test_R_PPL_2_a_malformed_date_of_birth_says_what_to_type(front_door, dob):
    with pytest.raises(SearchInputError) as error:
        search_people(front_door, name="Jack Fletcher", dob=dob)
    assert str(error.value).startswith(
        "Date of birth: enter a real date, for example 14/09/2016 or 2016")


@pytest.mark.django_db
@pytest.mark.parametrize(("terms", "message"), [
    ({}, "Enter a name, a date of birth or a postcode."),
    ({"name": "   "}, "Enter a name, a date of birth or a postcode."),
    ({"name": "1234"}, "Name: use letters"),
    ({"dob": "2016"}, "Date of birth: a year or a month on its own"),
    ({"name": "Jack", "postcode": "not a postcode"}, "Postcode: enter a whole postcode"),
])
def test_R_PPL_2_empty_or_unusable_searches_are_explained(front_door, terms, message):
    with pytest.raises(SearchInputError) as error:
        search_people(front_door, **terms)
    assert str(error.value).startswith(message)


@pytest.mark.django_db
def test_R_PPL_2_best_match_first_and_scores_between_0_and_1(front_door, fletchers):
    matches = search_people(front_door, name="Jack Fletcher", dob="2016-09-14")
    assert matches[0].person == fletchers["jack"]
    assert matches[0].reasons[:2] == ["exact name", "date of birth matches"]
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert names(search_people(front_door, name="Jack Fletcher", limit=1)) == ["Jack Fletcher"]


@pytest.mark.django_db
def test_R_PPL_2_the_outsider_and_the_administrator_find_nothing_of_the_fletchers(
        outsider, administrator, fletchers):
    for user in (outsider, administrator):
        assert search_people(user, name="Jack Fletcher", dob="2016-09-14") == []
        assert search_people(user, name="Fletcher") == []
        assert likely_duplicates(user, given_name="Jack", family_name="Fletcher") == []


@pytest.mark.django_db
def test_R_PPL_2_sam_finds_the_family_he_works_with(social_worker, fletchers):
    assert set(names(search_people(social_worker, name="Fletcher"))) == {
        "Kerry Fletcher", "Jack Fletcher", "Amy Fletcher"}


@pytest.mark.django_db
def test_R_PPL_2_a_police_partner_finds_only_what_was_shared_with_the_police(
        police_partner, social_worker, police, fletchers):
    """R-MASH-4 through search."""
    assert search_people(police_partner, name="Fletcher") == []
    actions.do_share_with_agency(fletchers["jack"], acting_user=social_worker, agency=police,
                                 reason="MASH information request")
    assert names(search_people(police_partner, name="Fletcher")) == ["Jack Fletcher"]


@pytest.mark.django_db
def test_R_PPL_2_a_restricted_person_is_found_only_by_the_people_named_on_it(
        front_door, social_worker, team_manager, fletchers):
    hidden = person(team_manager, "Robin", "Fletcher", date(2018, 6, 1), restricted=True)
    assert "Robin Fletcher" not in names(search_people(front_door, name="Robin Fletcher"))
    assert "Robin Fletcher" not in names(search_people(social_worker, name="Fletcher"))
    RestrictedAccess.objects.create(person=hidden, user=social_worker)
    assert top(social_worker, name="Robin Fletcher").person == hidden


@pytest.mark.django_db
def test_R_PPL_2_a_merged_away_record_is_not_returned(front_door, social_worker, fletchers):
    jack = fletchers["jack"]
    duplicate = person(front_door, "Jak", "Fletcher", date(2016, 9, 14))
    assert set(names(search_people(front_door, name="Jack Fletcher", dob="2016-09-14"))) >= {
        "Jack Fletcher", "Jak Fletcher"}
    actions.do_merge(jack, duplicate, acting_user=social_worker, reason="Same child, same dob")
    matches = search_people(front_door, name="Jak Fletcher", dob="2016-09-14")
    assert [m.person for m in matches if m.person.family_name == "Fletcher"][0] == jack
    assert duplicate.pk not in {m.person.pk for m in matches}
    assert "matches alias Jak Fletcher" in matches[0].reasons


@pytest.mark.django_db
def test_R_PPL_2_likely_duplicates_finds_jak_fletcher_as_jack(front_door, fletchers):
    found = likely_duplicates(front_door, given_name="Jak", family_name="Fletcher",
                              date_of_birth=date(2016, 9, 14))
    assert [m.person for m in found] == [fletchers["jack"]]
    assert found[0].score >= 0.9


@pytest.mark.django_db
def test_R_PPL_2_likely_duplicates_leaves_out_mere_relatives_and_strangers(front_door,
                                                                           fletchers):
    assert likely_duplicates(front_door, given_name="Tom", family_name="Fletcher",
                             date_of_birth=date(2020, 2, 2)) == []
    assert likely_duplicates(front_door, given_name="Nobody", family_name="Else") == []
    swapped = likely_duplicates(front_door, given_name="Fletcher", family_name="Amy",
                                date_of_birth=date(2019, 1, 30))
    assert [m.person for m in swapped] == [fletchers["amy"]]


@pytest.mark.django_db
def test_R_PPL_2_likely_duplicates_weighs_the_date_of_birth(front_door, fletchers):
    """Same name, born months apart: another child. No date recorded: cannot be ruled out."""
    assert likely_duplicates(front_door, given_name="Jack", family_name="Fletcher",
                             date_of_birth=date(2016, 2, 1)) == []
    undated = person(front_door, "Jack", "Fletcher")
    found = likely_duplicates(front_door, given_name="Jack", family_name="Fletcher",
                              date_of_birth=date(2016, 9, 14))
    assert [m.person for m in found] == [fletchers["jack"], undated]


@pytest.mark.django_db
def test_R_PPL_2_a_search_costs_a_handful_of_queries(front_door, fletchers,
                                                     django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        search_people(front_door, name="Jack Fletcher", dob="2016-09-14")
    with django_assert_max_num_queries(3):
        search_people(front_door, name="Jak Flwtcher", dob="2016")


@pytest.mark.django_db
def test_R_PPL_2_two_typos_and_only_a_year_still_find_jack(front_door, fletchers):
    """Neither name sounds right, so the trigram index is asked second (within the year)."""
    best = top(front_door, name="Jsck Flwtcher", dob="2016")
    assert best.person == fletchers["jack"]
    assert "year of birth matches" in best.reasons


@pytest.mark.django_db
@pytest.mark.parametrize(("recorded", "typed"), [
    (("Zara", "Patel"), "Zaar Patel"),
    (("Amy", "Lowe"), "Amu Lowe"),
    (("Yusuf", "Ali"), "Yusf Ali"),
])
def test_R_PPL_2_a_typo_in_the_given_name_with_only_a_year(front_door, recorded, typed):
    someone = person(front_door, *recorded, date(2012, 5, 6))
    assert top(front_door, name=typed, dob="2012").person == someone


@pytest.mark.django_db
def test_R_PPL_2_the_index_follows_changes_to_the_record(front_door, social_worker, fletchers):
    amy = fletchers["amy"]
    actions.do_update_person(amy, acting_user=social_worker, expected_version=amy.version,
                             given_name="Aimee")
    assert top(front_door, name="Aimee Flwtcher").person == amy  # via the trigram index
    assert "exact name" in top(front_door, name="Aimee Fletcher", dob="2019").reasons
    assert "exact name" not in top(front_door, name="Amy Fletcher", dob="2019").reasons


@pytest.mark.django_db
def test_R_PPL_2_a_name_nobody_has_finds_nobody_not_strangers_born_that_day(front_door,
                                                                           fletchers):
    assert search_people(front_door, name="Zzyzx Qwerty", dob="14/09/2016") == []
    assert search_people(front_door, name="Zzyzx Qwerty") == []
    assert names(search_people(front_door, dob="14/09/2016")) == ["Jack Fletcher"]
