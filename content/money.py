"""Money is held as whole pence (int) and never touched by float arithmetic."""

import re
from decimal import Decimal, InvalidOperation

_MONEY_PATTERN = re.compile(r"^-?\d+(\.\d{1,2})?$")
_TOO_PRECISE = re.compile(r"^-?\d+\.\d{3,}$")


class InvalidAmount(ValueError):
    """An amount of money that cannot be read exactly."""


def parse_pence(value: object) -> int:
    """Read an amount of pounds ("£1,234.50", "84.2", 12, Decimal("3.10")) as pence.

    Floats are refused: by the time a value is a float it may already be inexact. (JSON
    numbers are read as Decimal straight from their text, so they never are one.)
    """
    if isinstance(value, bool | float):
        raise InvalidAmount("write the amount as text, for example \"84.20\"")
    if isinstance(value, int):
        return value * 100
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("£", "").replace(" ", "")
    else:
        raise InvalidAmount("write the amount as a number of pounds, for example \"84.20\"")
    if text.startswith("-£"):
        text = "-" + text[2:]
    if _TOO_PRECISE.match(text):
        raise InvalidAmount(f"\"{value}\" has more than two decimal places; use pounds and "
                            "pence, for example \"84.20\"")
    if not _MONEY_PATTERN.match(text):
        raise InvalidAmount(
            f"\"{value}\" is not an amount of money; use pounds and pence, for example \"84.20\""
        )
    try:
        pounds = Decimal(text)
    except InvalidOperation as error:  # pragma: no cover - the pattern above prevents it
        raise InvalidAmount(f"\"{value}\" is not an amount of money") from error
    return int(pounds * 100)


def pence_to_decimal(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


def format_amount(pence: int | None) -> str:
    """Two decimals, no currency sign or separators: the form used in CSV and JSON."""
    if pence is None:
        return ""
    return str(pence_to_decimal(pence))


def format_pounds(pence: int | None) -> str:
    """The form a reader expects on a page: £1,234.50."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    return f"{sign}£{pence_to_decimal(abs(pence)):,.2f}"
