import gzip
from datetime import UTC, date, datetime
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
from data_platform_runtime.formats import decode, encode, format_of
from data_platform_runtime.records import to_table

from conftest import dataset

ROW = {
    "id": 1,
    "title": "Café",
    "price": Decimal("12.50"),
    "tags": ["a"],
    "attributes": {"colour": "red"},
    "size": {"width": 40, "height": None},
    "released": date(2026, 11, 1),
    "updated_at": datetime(2026, 12, 1, 10, 0, 0, 250000, tzinfo=UTC),
}


def test_parquet_is_zstd_compressed_with_the_declared_schema_and_reads_back_in_utc(products, tmp_path):
    body = encode(to_table(products, [ROW]), "parquet")
    (tmp_path / "part.parquet").write_bytes(body)

    metadata = pq.ParquetFile(tmp_path / "part.parquet").metadata
    assert metadata.row_group(0).column(0).compression == "ZSTD"
    assert pq.read_schema(tmp_path / "part.parquet").field("updated_at").type.unit == "ms"
    back = decode(body, "parquet")
    assert isinstance(back, pa.Table)
    assert back.to_pylist()[0]["updated_at"] == datetime(2026, 12, 1, 10, 0, 0, 250000, tzinfo=UTC)
    assert back.to_pylist()[0]["price"] == Decimal("12.50")


def test_json_lines_hold_values_as_hives_json_reader_expects():
    products = dataset(format="jsonl.gz")

    body = encode(to_table(products, [ROW, {"id": 2, "updated_at": datetime(2026, 12, 1, 10, tzinfo=UTC)}]), "jsonl.gz")

    assert gzip.decompress(body).decode("utf-8") == (
        '{"id":1,"title":"Café","price":"12.50","tags":["a"],"attributes":{"colour":"red"},"size":{"width":40,"height":null},'
        '"released":"2026-11-01","updated_at":"2026-12-01 10:00:00.250"}\n'
        '{"id":2,"title":null,"price":null,"tags":null,"attributes":null,"size":null,"released":null,"updated_at":"2026-12-01 10:00:00"}\n'
    )
    assert decode(body, "jsonl.gz")[1] == {"id": 2, "title": None, "price": None, "tags": None, "attributes": None, "size": None, "released": None,
                                           "updated_at": "2026-12-01 10:00:00"}


def test_plain_json_lines_are_not_compressed():
    body = encode(to_table(dataset(format="jsonl"), [{"id": 1}]), "jsonl")

    assert body.startswith(b'{"id":1,')


def test_same_rows_encode_to_the_same_bytes(products):
    assert encode(to_table(products, [ROW]), "parquet") == encode(to_table(products, [ROW]), "parquet")
    assert encode(to_table(products, [ROW]), "jsonl.gz") == encode(to_table(products, [ROW]), "jsonl.gz")


def test_format_named_by_the_extension():
    assert [format_of(k) for k in ("a/part-1.parquet", "a/part-1.jsonl.gz", "a/part-1.jsonl", "a/part-1.csv")] == ["parquet", "jsonl.gz", "jsonl", None]
