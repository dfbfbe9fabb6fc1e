from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from heistwatch.cli.main import app
from heistwatch.value import StorePrices, Valuer
from heistwatch.value.price_import import PriceFileError, parse_price_file

runner = CliRunner()


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def three_layouts(tmp_path):
    ours = write(tmp_path / "closes.csv", "date,asset,close\n2018-01-26,XEM,0.840\n2018-01-25,xem,0.949\n"
                 "2022-03-23,ETH,3031.07\n")
    cmc = write(tmp_path / "coin_Bitcoin.csv",
                "SNo,Name,Symbol,Date,High,Low,Open,Close,Volume,Marketcap\n"
                "1,Bitcoin,BTC,2018-01-25 23:59:59,11500,10965,11250,11256.0,7.3e9,1.9e11\n"
                "2,Bitcoin,BTC,2018-01-26 23:59:59,11656,10470,11256,11171.4,9.7e9,1.88e11\n")
    yahoo = write(tmp_path / "BTC-USD_1d.csv", "datetime,open,high,low,close,volume\n"
                  "2018-01-26,11256.0,11656.7,10470.3,11171.4,9746199808\n2018-01-27,11174.9,11614.9,10989.2,11440.7,7583269888\n")
    yahoo2 = write(tmp_path / "USDT-USD_1d.csv", "Date,Close,High,Low,Open,Volume\n2018-01-26,1.004,1.01,0.99,1.0,1\n")
    return ours, cmc, yahoo, yahoo2


def test_layouts_are_read_by_column_name(three_layouts):
    ours, cmc, yahoo, yahoo2 = three_layouts
    p = parse_price_file(ours)
    assert p.layout == "generic" and {(r.asset, r.day, r.usd_close) for r in p.rows} == {
        ("XEM", date(2018, 1, 26), 0.84), ("XEM", date(2018, 1, 25), 0.949), ("ETH", date(2022, 3, 23), 3031.07)}
    p = parse_price_file(cmc)
    assert p.layout == "cmc" and p.rows[-1].day == date(2018, 1, 26) and p.rows[-1].usd_close == 11171.4
    assert p.rows[-1].source == "cmc"
    p = parse_price_file(yahoo)
    assert p.layout == "yahoo" and {r.asset for r in p.rows} == {"BTC"} and p.rows[0].source == "yahoo"
    p = parse_price_file(yahoo2, source="yf")
    assert p.rows == [p.rows[0]] and p.rows[0].asset == "USDT" and p.rows[0].usd_close == 1.004
    assert p.rows[0].source == "yf"


def test_bad_rows_are_reported_with_file_and_line(tmp_path):
    f = write(tmp_path / "p.csv", "date,asset,close\n2018-01-26,BTC,11171.4\n2018-13-01,BTC,1\n"
              "2018-01-27,BTC,abc\n2018-01-28,BTC,-3\n2018-01-29,BTC\n2018-01-30,BTC,11000\n")
    p = parse_price_file(f)
    assert [r.day for r in p.rows] == [date(2018, 1, 26), date(2018, 1, 30)]
    assert [e.split(": ")[0] for e in p.errors] == [f"{f}:3", f"{f}:4", f"{f}:5", f"{f}:6"]
    assert "bad date" in p.errors[0] and "bad close" in p.errors[1] and "positive" in p.errors[2]


def test_unreadable_files_raise_one_clear_error(tmp_path):
    with pytest.raises(PriceFileError, match="empty"):
        parse_price_file(write(tmp_path / "e.csv", ""))
    with pytest.raises(PriceFileError, match="no date and close"):
        parse_price_file(write(tmp_path / "x.csv", "when,what\n1,2\n"))
    with pytest.raises(PriceFileError, match="file name"):
        parse_price_file(write(tmp_path / "prices.csv", "Date,Close\n2018-01-01,1\n"))
    with pytest.raises(PriceFileError, match="cannot read"):
        parse_price_file(tmp_path / "missing.csv")


def test_cli_import_is_idempotent_and_feeds_the_valuer(three_layouts, prices_db):
    files = [str(p) for p in three_layouts]
    r = runner.invoke(app, ["prices", "import", *files, "--db", prices_db])
    assert r.exit_code == 0, r.output
    assert "8 new, 0 updated, 0 unchanged" in " ".join(r.output.split())
    r = runner.invoke(app, ["prices", "import", *files, "--db", prices_db])
    assert r.exit_code == 0 and "0 new, 0 updated, 8 unchanged" in " ".join(r.output.split())
    engine = sa.create_engine(prices_db)
    with engine.connect() as c:
        assert c.execute(sa.text("select count(*) from prices")).scalar() == 8
    store = StorePrices(engine)
    # cmc and yahoo both have BTC 2018-01-26: the choice is deterministic (alphabetical unless preferred)
    assert store.price("BTC", date(2018, 1, 26)).source == "prices:cmc"
    assert StorePrices(engine, prefer=["yahoo"]).price("BTC", date(2018, 1, 26)).source == "prices:yahoo"
    q = Valuer(store).usd(523_000_000, "XEM", date(2018, 1, 28))
    assert q.rate_date == date(2018, 1, 26) and q.source == "prices:csv" and q.usd == pytest.approx(439_320_000)


def test_cli_reimport_with_changed_close_updates(tmp_path, prices_db):
    f = write(tmp_path / "a.csv", "date,asset,close\n2017-07-15,XMR,40.0\n")
    assert runner.invoke(app, ["prices", "import", str(f), "--db", prices_db]).exit_code == 0
    write(f, "date,asset,close\n2017-07-15,XMR,41.5\n2017-07-16,XMR,42\n")
    r = runner.invoke(app, ["prices", "import", str(f), "--db", prices_db])
    assert "1 new, 1 updated, 0 unchanged" in " ".join(r.output.split())
    assert StorePrices(sa.create_engine(prices_db)).price("XMR", date(2017, 7, 15)).usd == 41.5


def test_cli_import_reports_bad_rows_and_keeps_good_ones(tmp_path, prices_db):
    good = write(tmp_path / "good.csv", "date,asset,close\n2018-06-20,BTC,6770\n")
    bad = write(tmp_path / "bad.csv", "date,asset,close\n2018-06-20,ETH,536\nnot-a-date,ETH,1\n")
    empty = write(tmp_path / "empty.csv", "")
    r = runner.invoke(app, ["prices", "import", str(good), str(bad), str(empty), "--db", prices_db])
    assert r.exit_code == 1
    text = " ".join(r.output.split())
    assert f"{bad}:3: bad date" in r.output and f"{empty}: empty file" in r.output
    assert "2 new" in text
    assert StorePrices(sa.create_engine(prices_db)).price("ETH", date(2018, 6, 20)).usd == 536


def test_cli_show(three_layouts, prices_db):
    runner.invoke(app, ["prices", "import", *map(str, three_layouts), "--db", prices_db])
    r = runner.invoke(app, ["prices", "show", "btc", "--db", prices_db])
    assert r.exit_code == 0 and "cmc" in r.output and "yahoo" in r.output
    r = runner.invoke(app, ["prices", "show", "XEM", "--on", "2018-01-27", "--db", prices_db])
    assert r.exit_code == 0 and "0.84 USD per unit" in r.output and "2018-01-26" in r.output
    r = runner.invoke(app, ["prices", "show", "XEM", "--on", "2019-01-27", "--db", prices_db])
    assert r.exit_code == 1 and "no USD price" in r.output
    r = runner.invoke(app, ["prices", "show", "KRW", "--on", "2018-06-20", "--db", prices_db])
    assert r.exit_code == 0 and "from ecb" in r.output
