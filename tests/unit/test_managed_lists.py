"""What counts as the same name in a managed list, without a database."""

import pytest

from content.demo_data import generate_demo_records
from content.kinds import KINDS, MANAGED_LISTS
from content.managed_lists import list_key, near_duplicates


@pytest.mark.parametrize(("one", "other"), [
    ("Grants", "grants"),
    ("Grants", "  Grants "),
    ("Violence reduction", "Violence  reduction"),
    ("Violence reduction", "violence-reduction"),
    ("Police & Crime Commissioner", "Police and Crime Commissioner"),
    ("Police and Crime Commissioner", "police and crime commissioner."),
    ("Grants", "Grant"),
    ("Facilities", "Facility"),
    ("Commissioner's office", "Commissioners office"),
    ("Commissioner’s office", "Commissioner's office"),
    ("Café services", "Cafe services"),
    ("Office and IT", "Office & I.T."),
])
def test_names_differing_only_in_what_does_not_tell_them_apart_are_the_same(one, other):
    assert list_key(one) == list_key(other)


@pytest.mark.parametrize(("one", "other"), [
    ("Grants", "Grants panel"),
    ("Travel", "Accommodation"),
    ("Chief Executive", "Chief Finance Officer"),
    ("Police and Crime Commissioner", "Deputy Police and Crime Commissioner"),
    ("Business", "Busines"),  # a word ending in -ss is not a plural
    ("Status", "Statu"),
    ("Analysis", "Analysi"),
])
def test_names_that_say_different_things_are_different(one, other):
    assert list_key(one) != list_key(other)


def test_a_name_of_punctuation_alone_has_no_key():
    assert list_key(" - & ") == "and"
    assert list_key(" -- ") == ""


def test_near_duplicates_are_grouped_and_distinct_names_are_not():
    assert near_duplicates(["Grants", "grants", "Estates", "Grant", "Fleet"]) == [
        ["Grant", "Grants", "grants"]]
    assert near_duplicates(["Grants", "Estates"]) == []


def test_every_list_is_used_by_a_kind_and_every_kind_names_declared_lists():
    used = {managed for kind in KINDS for managed in kind.lists.values()}
    assert used == set(MANAGED_LISTS)
    assert len({managed.name for managed in MANAGED_LISTS}) == len(MANAGED_LISTS)
    for kind in KINDS:
        assert set(kind.lists) <= set(kind.import_fields), kind.name


@pytest.mark.parametrize("managed", MANAGED_LISTS, ids=lambda managed: managed.name)
def test_the_demo_data_has_no_near_duplicates_in_any_list(managed):
    names = {record[field] for record in generate_demo_records() for kind in KINDS
             if record["type"] == kind.name
             for field, used in kind.lists.items() if used == managed}
    assert names, "the demo data uses the list"
    assert near_duplicates(names) == []
