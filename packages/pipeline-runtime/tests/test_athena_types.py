from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pyarrow as pa
import pytest
from data_platform_runtime.athena_types import Mismatch, parse_athena_type


@pytest.mark.parametrize(
    ("text", "arrow", "duckdb"),
    [
        ("string", pa.string(), "VARCHAR"),
        ("bigint", pa.int64(), "BIGINT"),
        ("int", pa.int32(), "INTEGER"),
        ("smallint", pa.int16(), "SMALLINT"),
        ("tinyint", pa.int8(), "TINYINT"),
        ("double", pa.float64(), "DOUBLE"),
        ("float", pa.float32(), "FLOAT"),
        ("boolean", pa.bool_(), "BOOLEAN"),
        ("binary", pa.binary(), "BLOB"),
        ("date", pa.date32(), "DATE"),
        ("timestamp", pa.timestamp("ms"), "TIMESTAMP"),
        ("decimal(10,2)", pa.decimal128(10, 2), "DECIMAL(10,2)"),
        ("varchar(3)", pa.string(), "VARCHAR"),
        ("char(2)", pa.string(), "VARCHAR"),
        ("array<string>", pa.list_(pa.string()), "VARCHAR[]"),
        ("map<string,bigint>", pa.map_(pa.string(), pa.int64()), "MAP(VARCHAR, BIGINT)"),
        (
            "struct<sku:string,lines:array<struct<qty:int>>>",
            pa.struct([("sku", pa.string()), ("lines", pa.list_(pa.struct([("qty", pa.int32())])))]),
            'STRUCT("sku" VARCHAR, "lines" STRUCT("qty" INTEGER)[])',
        ),
    ],
)
def test_athena_types_map_to_arrow_and_duckdb(text, arrow, duckdb):
    kind = parse_athena_type(text)

    assert kind.text == text
    assert kind.arrow() == arrow
    assert kind.duckdb() == duckdb


def test_spaces_and_case_read_as_glue_normal_form():
    assert parse_athena_type("Map< STRING , Array<Decimal(5, 1)> >").text == "map<string,array<decimal(5,1)>>"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("integer", "'integer' is not an Athena type"),
        ("array<string", "the type ends too early"),
        ("decimal(40,2)", "decimal(40,2) is outside precision 1-38, scale 0-precision"),
        ("string string", "unexpected 'string' after string"),
        ("struct<a:int;b:int>", "unexpected ';' at position 13"),
    ],
)
def test_what_is_not_an_athena_type_refused_with_why(text, reason):
    with pytest.raises(ValueError) as error:
        parse_athena_type(text)

    assert str(error.value) == reason


def test_timestamp_needs_an_aware_datetime_and_keeps_its_utc_time_to_the_millisecond():
    kind = parse_athena_type("timestamp")
    paris = timezone(timedelta(hours=1))

    assert kind.convert(datetime(2026, 12, 1, 11, 0, 0, 123456, tzinfo=paris)) == datetime(2026, 12, 1, 10, 0, 0, 123000)
    with pytest.raises(Mismatch, match="an aware datetime"):
        kind.convert(datetime(2026, 12, 1, 10))
    with pytest.raises(Mismatch):
        kind.convert("2026-12-01 10:00:00")


@pytest.mark.parametrize(
    ("text", "good", "bad"),
    [
        ("string", "x", 1),
        ("bigint", 2**63 - 1, 2**63),
        ("bigint", -(2**63), True),
        ("tinyint", 127, 128),
        ("double", 1, "1.0"),
        ("boolean", False, 0),
        ("date", date(2026, 12, 1), datetime(2026, 12, 1, tzinfo=UTC)),
        ("binary", b"\x00", "x"),
        ("varchar(3)", "abc", "abcd"),
        ("decimal(5,2)", Decimal("123.45"), Decimal("1234.5")),
        ("decimal(5,2)", Decimal("1.500"), Decimal("1.505")),
        ("decimal(5,2)", 7, 1.5),
        ("array<int>", [1, None, 3], (1, "2")),
        ("map<string,int>", {"a": 1}, {"a": "1"}),
        ("struct<a:int,b:string>", {"a": 1}, {"a": 1, "c": "x"}),
    ],
)
def test_values_checked_against_their_type(text, good, bad):
    kind = parse_athena_type(text)

    kind.convert(good)
    with pytest.raises(Mismatch):
        kind.convert(bad)


def test_a_nested_mismatch_says_where():
    kind = parse_athena_type("array<struct<qty:int>>")

    with pytest.raises(Mismatch) as error:
        kind.convert([{"qty": 1}, {"qty": "two"}])

    assert (error.value.path, error.value.value, error.value.expected) == ("[1].qty", "two", "an int")
