import json
from datetime import UTC, datetime

import pytest
from data_platform_runtime import LocalLake
from data_platform_runtime.query import main

from conftest import PRODUCTS, dataset

START = datetime(2026, 12, 1, 10, tzinfo=UTC)


@pytest.fixture
def lake(tmp_path):
    LocalLake(tmp_path / "lake").write(dataset(), [{"id": 1, "title": "Tee", "updated_at": START}], start=START)
    declarations = tmp_path / "datasets.json"
    declarations.write_text(json.dumps([{"products": PRODUCTS}]))
    return ["--lake-dir", str(tmp_path / "lake"), "--database", "data_platform_dev", "--datasets", str(declarations)]


def test_rows_printed_as_one_json_document_values_as_text(lake, capsys):
    assert main([*lake, "SELECT id, title, updated_at, price, dt, hour FROM shop_products"]) == 0

    document = json.loads(capsys.readouterr().out)
    assert document["columns"] == ["id", "title", "updated_at", "price", "dt", "hour"]
    assert document["rows"] == [["1", "Tee", "2026-12-01 10:00:00", None, "2026-12-01", "10"]]
    assert document["tables"] == ["shop_products"]
    assert document["bytesRead"] > 0


def test_unknown_table_is_one_line_listing_the_tables(lake, capsys):
    assert main([*lake, "SELECT * FROM shop_product"]) == 1

    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith("Catalog Error: Table with name shop_product does not exist!")
    assert error.endswith("The tables of data_platform_dev are: shop_products.\n")


def test_sql_error_is_one_line(lake, capsys):
    assert main([*lake, "SELEC 1"]) == 1

    error = capsys.readouterr().err
    assert error.startswith("SQL error: Parser Error: syntax error at or near \"SELEC\"")
    assert error.count("\n") == 1


def test_lake_folder_that_does_not_exist_refused(tmp_path, capsys):
    assert main(["--lake-dir", str(tmp_path / "none"), "--database", "d", "--datasets", "x", "SELECT 1"]) == 1

    assert capsys.readouterr().err == (
        f"the local lake {tmp_path / 'none'} is not a folder; run a pipeline with run-local --local-lake {tmp_path / 'none'} first, or fix the path\n"
    )
