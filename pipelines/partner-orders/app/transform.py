"""From the CSV files a partner dropped to the records of the `orders` dataset: pure functions."""
from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from data_platform_runtime import Interval, LakeObject, parse_timestamp

HEADER = ("order_id", "customer_email", "amount", "currency", "ordered_at")


class OrderFileError(ValueError):
    """A dropped file the run cannot read: the message names the object, the line, the column and the value."""


def drops_in_interval(objects: list[LakeObject], interval: Interval) -> list[LakeObject]:
    """The CSV objects (`.csv`, any case) whose `last_modified` falls in the interval, oldest first."""
    dropped = [o for o in objects if o.key.lower().endswith(".csv") and interval.contains(o.last_modified)]
    return sorted(dropped, key=lambda o: (o.last_modified, o.key))


def order_records(files: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """
    The orders of the files `(object key, CSV text)`, given oldest first, one record per order_id:
    when an order appears again (a partner resending a corrected file), the later row wins and
    takes its place in the order.
    """
    orders: dict[str, dict[str, Any]] = {}
    for key, text in files:
        for record in file_records(key, text):
            orders.pop(record["order_id"], None)
            orders[record["order_id"]] = record
    return list(orders.values())


def file_records(key: str, text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in HEADER if column not in (reader.fieldnames or [])]
    if missing:
        raise OrderFileError(
            f"{key}: the header is {','.join(reader.fieldnames or [])!r}, without {', '.join(missing)}; "
            f"expected the columns {','.join(HEADER)}"
        )
    return [order_record(key, reader.line_num, row) for row in reader if any((value or "").strip() for value in row.values())]


def order_record(key: str, line: int, row: dict[str, str | None]) -> dict[str, Any]:
    def bad(column: str, allowed: str) -> OrderFileError:
        return OrderFileError(f"{key} line {line}: {column} is {row.get(column)!r}; expected {allowed}")

    order_id = (row["order_id"] or "").strip()
    if not order_id:
        raise bad("order_id", "a non-empty order id")
    currency = (row["currency"] or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise bad("currency", "a three-letter ISO 4217 code, e.g. EUR")
    try:
        ordered_at = parse_timestamp(row["ordered_at"] or "")
    except ValueError:
        raise bad("ordered_at", "an ISO 8601 time, e.g. 2026-11-30T09:15:00Z (without offset: UTC)") from None
    cents = amount_cents(row["amount"])
    if cents is None:
        raise bad("amount", "a decimal amount with at most 2 decimal places, e.g. 12.34")
    return {
        "order_id": order_id,
        "customer_email": (row["customer_email"] or "").strip().lower() or None,
        "amount_cents": cents,
        "currency": currency,
        "ordered_at": ordered_at,
        "source_object": key,
    }


def amount_cents(text: str | None) -> int | None:
    """`12.34` as 1234, exactly (no floating point); None when it is not an amount with at most 2 decimal places."""
    try:
        amount = Decimal((text or "").strip())
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    cents = amount * 100
    return int(cents) if cents == cents.to_integral_value() else None
