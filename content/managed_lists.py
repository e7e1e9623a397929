"""Managed lists: the agreed names staff choose from for a decision's category and
decision maker, an expense's claimant and category, and a policy's owner.

A name is added deliberately and never beside a near-duplicate of itself: "grants",
"Grants" and "Grant" are one name, as are "Police & Crime" and "police and crime". Which
field of which kind of record takes its values from which list is declared with the
record kinds (`content.kinds`); records keep the words themselves, so pages, downloads
and the search index read them as before.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from content.kinds import MANAGED_LISTS, ManagedList, RecordKind, list_uses
from content.models import ListValue

LONGEST = 120
WORDS = re.compile(r"[^\W_]+")
APOSTROPHES = re.compile(r"['’`]")


class ListProblem(ValueError):
    """Why a name was refused, in words a publisher can act on."""


def _singular(word: str) -> str:
    """The word without a plural ending, so "Grant" and "Grants" are one name. Words that
    end in -ss, -us or -is are left alone: "business", "status", "analysis"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# An import of many lines names the same few categories over and over.
@lru_cache(maxsize=4096)
def list_key(words: str) -> str:
    """What is left of a name once everything that does not tell names apart is taken
    away: case, accents, spacing, punctuation, "&" for "and" and a plural "s"."""
    folded = unicodedata.normalize("NFKD", words.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = APOSTROPHES.sub("", folded.replace("&", " and "))
    return "".join(_singular(word) for word in WORDS.findall(folded))


def near_duplicates(names: Iterable[str]) -> list[list[str]]:
    """Groups of different names that are one name (for checks of data and filters)."""
    groups: dict[str, set[str]] = {}
    for name in names:
        groups.setdefault(list_key(name), set()).add(name)
    return [sorted(group) for group in groups.values() if len(group) > 1]


def managed_list_named(name: str) -> ManagedList | None:
    return next((managed for managed in MANAGED_LISTS if managed.name == name), None)


def entries(session: Session, managed: ManagedList) -> list[ListValue]:
    """The list's values in alphabetical order."""
    return list(session.scalars(select(ListValue).where(ListValue.list_name == managed.name)
                                .order_by(func.lower(ListValue.value), ListValue.id)))


def names(session: Session, managed: ManagedList) -> list[str]:
    return [entry.value for entry in entries(session, managed)]


def entry_of(session: Session, managed: ManagedList, entry_id: int) -> ListValue | None:
    entry = session.get(ListValue, entry_id)
    return entry if entry is not None and entry.list_name == managed.name else None


def same_name(session: Session, managed: ManagedList, words: str) -> ListValue | None:
    """The list's value that is `words` or a near-duplicate of it, if there is one."""
    return session.scalar(select(ListValue).where(ListValue.list_name == managed.name,
                                                  ListValue.key == list_key(words)))


def already_there(managed: ManagedList, existing: ListValue) -> str:
    return (f'There is already {managed.a_value} called "{existing.value}". Use it, or '
            "choose a name that is clearly different.")


def checked_name(words: str, managed: ManagedList) -> str:
    """The words tidied (outer and doubled spaces), or the problem with them."""
    cleaned = " ".join(words.split())
    if not list_key(cleaned):
        raise ListProblem(f"Enter the name of the {managed.singular}")
    if len(cleaned) > LONGEST:
        raise ListProblem(f"The name must be {LONGEST} characters or fewer "
                          f"(it has {len(cleaned)})")
    return cleaned


def choice_problem(session: Session, managed: ManagedList, words: str) -> str | None:
    """What is wrong with `words` as a record's value: nothing if it is one of the list's
    values or a new name, the existing one's name if it nearly is one of them."""
    existing = same_name(session, managed, words)
    if existing is not None and existing.value != words:
        return already_there(managed, existing)
    return None


def choice_problems(session: Session, kind: RecordKind, values: dict[str, Any],
                    skip: Iterable[str] = ()) -> dict[str, str]:
    """`choice_problem` for each of a record's list fields (but those in `skip`, already
    found wrong for another reason): a near-duplicate of a listed name is refused, naming
    the listed one; a new name is fine, and joins its list when the record is saved."""
    found = {}
    for field_name, managed in kind.lists.items():
        words = values.get(field_name)
        if field_name not in skip and isinstance(words, str):
            problem = choice_problem(session, managed, words.strip())
            if problem:
                found[field_name] = problem
    return found


def add_value(session: Session, managed: ManagedList, words: str) -> ListValue:
    """Add a new name to the list; a near-duplicate of one already there is refused."""
    name = checked_name(words, managed)
    existing = same_name(session, managed, name)
    if existing is not None:
        raise ListProblem(already_there(managed, existing))
    entry = ListValue(list_name=managed.name, value=name, key=list_key(name))
    try:
        with session.begin_nested():
            session.add(entry)
    except IntegrityError:  # a colleague added the same name a moment ago
        raise ListProblem(already_there(managed, same_name(session, managed, name)
                                        or entry)) from None
    return entry


def check_rename(session: Session, managed: ManagedList, entry: ListValue, words: str) -> str:
    """The new name for `entry`, tidied, or the problem with it. A new spelling of the
    same name ("grants" to "Grants") is a rename like any other."""
    name = checked_name(words, managed)
    if name == entry.value:
        raise ListProblem(f'The {managed.singular} is already called "{name}". Enter a '
                          "different name")
    existing = same_name(session, managed, name)
    if existing is not None and existing.id != entry.id:
        raise ListProblem(already_there(managed, existing))
    return name


def rename_value(session: Session, managed: ManagedList, entry: ListValue, words: str) -> int:
    """Rename a value and every record that uses it; returns how many records changed.

    The records are changed one by one through the session, so each is stamped as
    updated and queued for the search index like any other edit (`content.search_queue`).
    """
    name = check_rename(session, managed, entry, words)
    changed = 0
    for kind, field_name in list_uses(managed):
        column = getattr(kind.model, field_name)
        for record in session.scalars(select(kind.model).where(column == entry.value)
                                      .order_by(kind.model.id)):
            setattr(record, field_name, name)
            changed += 1
    entry.value, entry.key = name, list_key(name)
    session.flush()
    return changed


@dataclass(frozen=True)
class Use:
    """A value of a list and how many records use it."""

    entry: ListValue
    records: int


def usage(session: Session, managed: ManagedList) -> list[Use]:
    """Each of the list's values with the number of records using it (drafts and
    withdrawn records included: renaming changes them too)."""
    counts: dict[str, int] = {}
    for kind, field_name in list_uses(managed):
        column = getattr(kind.model, field_name)
        for value, count in session.execute(select(column, func.count()).group_by(column)):
            counts[value] = counts.get(value, 0) + count
    return [Use(entry, counts.get(entry.value, 0)) for entry in entries(session, managed)]


def records_using(session: Session, managed: ManagedList, entry: ListValue) -> int:
    return sum(int(session.scalar(select(func.count()).select_from(kind.model).where(
        getattr(kind.model, field_name) == entry.value)) or 0)
        for kind, field_name in list_uses(managed))


class ListBook:
    """Every list's values, read once, to settle the names of many records (an import)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_key = {(entry.list_name, entry.key): entry
                       for entry in session.scalars(select(ListValue))}

    def settle(self, kind: RecordKind, values: dict[str, Any], add_new: bool = True) -> list[str]:
        """Make a record's list fields agree with the lists before it is saved: a
        near-duplicate of a listed name becomes that name, and a new name joins its list
        (unless `add_new` is false, for a look at what a file would do before it is
        published). `values` is changed in place; returns a sentence about each name
        changed."""
        notes = []
        for field_name, managed in kind.lists.items():
            words = values.get(field_name)
            key = list_key(words) if isinstance(words, str) else ""
            if not key:
                continue
            existing = self.by_key.get((managed.name, key))
            if existing is None and add_new and isinstance(words, str):
                existing = self._add(managed, words, key)
            if existing is not None and existing.value != words:
                values[field_name] = existing.value
                notes.append(f'{managed.singular} "{words}" recorded as "{existing.value}", '
                             "the name already in use")
        return notes


    def _add(self, managed: ManagedList, words: str, key: str) -> ListValue:
        """A new name joins its list; or, when another process has just added the same
        name (two imports at once), the name it added."""
        entry = ListValue(list_name=managed.name, value=words, key=key)
        try:
            with self.session.begin_nested():
                self.session.add(entry)
        except IntegrityError:
            entry = self.session.scalars(select(ListValue).where(
                ListValue.list_name == managed.name, ListValue.key == key)).one()
        self.by_key[(managed.name, key)] = entry
        return entry


def settle_values(session: Session, kind: RecordKind, values: dict[str, Any]) -> list[str]:
    """`ListBook.settle` for one record."""
    return ListBook(session).settle(kind, values)
