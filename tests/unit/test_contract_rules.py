"""A contract's status and parties, and an invitation's status, worked out from what the
record says and the day, without a database."""

from datetime import date

import pytest

from content.filters import ContractFilters
from content.models import CONTRACT_PARTIES, Contract, Tender

DAY = date(2026, 11, 24)


def a_contract(start: date, end: date | None, parties: str = CONTRACT_PARTIES[0],
               other_parties: str = "") -> Contract:
    return Contract(reference="C-1", slug="c-1", title="Cleaning", supplier="Brightwash Ltd",
                    parties=parties, other_parties=other_parties, value_pence=1_000_000,
                    start_date=start, end_date=end, procurement_route="Three quotes")


@pytest.mark.parametrize(("start", "end", "status"), [
    (date(2026, 11, 25), None, "not started"),
    (DAY, DAY, "current"),
    (date(2020, 1, 1), None, "current"),
    (date(2020, 1, 1), date(2026, 11, 23), "ended"),
])
def test_a_contracts_status_is_worked_out_from_its_dates(start, end, status):
    assert a_contract(start, end).status(DAY) == status


def test_ten_thousand_pounds_exactly_is_not_over_the_threshold():
    contract = a_contract(DAY, None)
    assert not contract.over_threshold(1_000_000)
    assert contract.over_threshold(999_999)


def test_every_party_names_both_signatories_the_supplier_and_the_others():
    contract = a_contract(DAY, None, CONTRACT_PARTIES[2],
                          "Fernshire County Council; Fernshire Fire and Rescue Service;")
    assert contract.every_party == ["Police and Crime Commissioner", "Chief Constable",
                                    "Brightwash Ltd", "Fernshire County Council",
                                    "Fernshire Fire and Rescue Service"]


@pytest.mark.parametrize(("closing", "status"), [(DAY, "open"), (date(2026, 11, 23), "closed")])
def test_an_invitation_is_open_to_the_end_of_its_closing_date(closing, status):
    tender = Tender(issued_on=date(2026, 11, 1), closing_date=closing)
    assert tender.status(DAY) == status


def test_the_threshold_is_not_read_from_the_address():
    filters, problems = ContractFilters.from_args({"band": "UP-TO", "threshold_pence": "1"})
    assert problems == []
    assert filters.band == "up-to"
    assert filters.threshold_pence == 1_000_000
