from __future__ import annotations

import json
from datetime import date

import pytest

from heistwatch.value import ChainPrices, CoinGeckoClient, CoinGeckoError, InMemoryPrices, Valuer, coingecko_from_env
from heistwatch.value.coingecko import DEMO_HEADER, PRO_HEADER, coingecko_ids


def client(fake, tmp_path, **kw) -> CoinGeckoClient:
    kw.setdefault("sleep", lambda s: None)
    return CoinGeckoClient(fake.base_url, cache_dir=tmp_path / "cache", **kw)


def test_price_from_history_endpoint(fake_coingecko, tmp_path):
    with client(fake_coingecko, tmp_path) as cg:
        p = cg.price("xem", date(2018, 1, 26))
    assert p is not None and p.asset == "XEM" and p.usd == pytest.approx(0.9458)
    assert p.day == date(2018, 1, 26) and p.source == "coingecko"
    req = fake_coingecko.requests[-1]
    assert req["path"] == "/api/v3/coins/nem/history"
    assert req["query"] == {"date": "26-01-2018", "localization": "false"}


def test_answers_are_cached_on_disk(fake_coingecko, tmp_path):
    with client(fake_coingecko, tmp_path) as cg:
        assert cg.price("BTC", date(2018, 1, 26)).usd == pytest.approx(11256.43)
    n = len(fake_coingecko.requests)
    cached = tmp_path / "cache" / "bitcoin" / "2018-01-26.json"
    assert json.loads(cached.read_text())["usd"] == pytest.approx(11256.43)
    with client(fake_coingecko, tmp_path) as cg2:   # a new client, same cache dir: no request
        assert cg2.price("BTC", date(2018, 1, 26)).usd == pytest.approx(11256.43)
        assert cg2.requests_made == 0
    assert len(fake_coingecko.requests) == n


def test_day_without_market_data_is_no_price_and_is_cached(fake_coingecko, tmp_path):
    with client(fake_coingecko, tmp_path) as cg:
        assert cg.price("BTC", date(2012, 1, 1)) is None      # before it traded: no market_data
        assert cg.price("BTC", date(2012, 1, 1)) is None
        assert cg.requests_made == 1


def test_unknown_coin_404_is_no_price(fake_coingecko, tmp_path):
    with client(fake_coingecko, tmp_path, ids={"ZZZ": "no-such-coin"}) as cg:
        assert cg.price("ZZZ", date(2018, 1, 26)) is None
    assert fake_coingecko.requests[-1]["path"] == "/api/v3/coins/no-such-coin/history"


def test_ticker_without_id_makes_no_request(fake_coingecko, tmp_path):
    with client(fake_coingecko, tmp_path) as cg:
        assert cg.price("NOTACOIN", date(2018, 1, 26)) is None
        assert cg.requests_made == 0


def test_429_waits_retry_after_then_succeeds(fake_coingecko, tmp_path):
    waits: list[float] = []
    fake_coingecko.rate_limit_next = 2
    fake_coingecko.retry_after = "7"
    with client(fake_coingecko, tmp_path, sleep=waits.append) as cg:
        p = cg.price("ETH", date(2022, 3, 23))
    assert p is not None and p.usd == pytest.approx(2973.27)
    assert waits == [7.0, 7.0]
    assert len(fake_coingecko.requests) == 3


def test_persistent_429_raises_and_is_not_cached(fake_coingecko, tmp_path):
    fake_coingecko.rate_limit_next = 10
    with client(fake_coingecko, tmp_path, max_retries=2) as cg:
        with pytest.raises(CoinGeckoError, match="429"):
            cg.price("ETH", date(2022, 3, 23))
    assert not (tmp_path / "cache" / "ethereum" / "2022-03-23.json").exists()
    fake_coingecko.rate_limit_next = 0
    with client(fake_coingecko, tmp_path) as cg:
        assert cg.price("ETH", date(2022, 3, 23)).usd == pytest.approx(2973.27)


def test_retry_after_longer_than_limit_gives_up(fake_coingecko, tmp_path):
    fake_coingecko.rate_limit_next = 1
    fake_coingecko.retry_after = "3600"
    with client(fake_coingecko, tmp_path, max_retry_wait=60) as cg:
        with pytest.raises(CoinGeckoError, match="wait"):
            cg.price("ETH", date(2022, 3, 23))


def test_demo_key_header_is_sent(fake_coingecko, tmp_path):
    fake_coingecko.required_key = (DEMO_HEADER, "CG-secret")
    with client(fake_coingecko, tmp_path, api_key="CG-secret") as cg:
        assert cg.price("XMR", date(2017, 7, 15)).usd == pytest.approx(40.12)
    assert fake_coingecko.requests[-1]["headers"].get(DEMO_HEADER) == "CG-secret"


def test_wrong_key_is_a_clear_error(fake_coingecko, tmp_path):
    fake_coingecko.required_key = (PRO_HEADER, "CG-pro")
    with client(fake_coingecko, tmp_path, api_key="CG-pro") as cg:   # sent as demo key: refused
        with pytest.raises(CoinGeckoError, match="401.*API Key Missing"):
            cg.price("XMR", date(2017, 7, 15))
    with client(fake_coingecko, tmp_path, api_key="CG-pro", key_header=PRO_HEADER) as cg:
        assert cg.price("XMR", date(2017, 7, 15)) is not None


def test_server_down_is_a_source_error(tmp_path):
    cg = CoinGeckoClient("http://127.0.0.1:9/api/v3", cache_dir=tmp_path, timeout=2)
    with pytest.raises(CoinGeckoError):
        cg.price("BTC", date(2018, 1, 26))


def test_off_unless_configured(fake_coingecko, tmp_path):
    assert coingecko_from_env({}) is None
    cg = coingecko_from_env({"HEISTWATCH_COINGECKO_URL": fake_coingecko.base_url,
                             "HEISTWATCH_COINGECKO_CACHE": str(tmp_path)}, sleep=lambda s: None)
    assert cg is not None and cg.price("BTC", date(2015, 1, 4)).usd == pytest.approx(287.13)
    pro = coingecko_from_env({"HEISTWATCH_COINGECKO_KEY": "k", "HEISTWATCH_COINGECKO_KEY_HEADER": PRO_HEADER})
    assert pro is not None and pro.base_url.startswith("https://pro-api.coingecko.com")


def test_chain_falls_back_to_coingecko_and_survives_its_failure(fake_coingecko, tmp_path):
    local = InMemoryPrices({("XEM", date(2018, 1, 26)): 0.84})
    with client(fake_coingecko, tmp_path, max_retries=0) as cg:
        chain = ChainPrices([local, cg])
        v = Valuer(chain)
        q = v.usd(523_000_000, "XEM", date(2018, 1, 26))
        assert q.source == "memory" and q.usd == pytest.approx(439_320_000)
        q = v.usd(19_000, "BTC", date(2015, 1, 4))
        assert q.source == "coingecko" and q.usd == pytest.approx(19_000 * 287.13)
        fake_coingecko.rate_limit_next = 5
        assert v.usd(1, "ETH", date(2022, 3, 23)) is None        # source failed: unknown, not cached
        assert chain.errors and "429" in chain.errors[-1]
        fake_coingecko.rate_limit_next = 0
        assert v.usd(1, "ETH", date(2022, 3, 23)).usd == pytest.approx(2973.27)


def test_reference_ids_cover_heist_assets():
    ids = coingecko_ids()
    for ticker, cid in {"BTC": "bitcoin", "ETH": "ethereum", "XEM": "nem", "XMR": "monero", "USDT": "tether",
                        "USDC": "usd-coin"}.items():
        assert ids[ticker] == cid


def test_default_valuer_chain_store_then_coingecko(fake_coingecko, tmp_path, prices_db):
    import sqlalchemy as sa

    from heistwatch.value import StorePrices, default_valuer
    from heistwatch.value.store_prices import PriceRow

    engine = sa.create_engine(prices_db)
    StorePrices(engine).upsert([PriceRow("XEM", date(2018, 1, 26), 0.84, "cmc")])
    env = {"HEISTWATCH_COINGECKO_URL": fake_coingecko.base_url, "HEISTWATCH_COINGECKO_CACHE": str(tmp_path)}
    v = default_valuer(engine, env=env)
    assert v.usd(1, "XEM", date(2018, 1, 26)).source == "prices:cmc"          # the store first
    assert v.usd(1, "BTC", date(2018, 1, 26)).source == "coingecko"           # then CoinGecko
    assert v.usd(1, "USDT", date(2018, 1, 26)) is None                         # no peg unless asked
    pegged = default_valuer(engine, env={**env, "HEISTWATCH_STABLECOIN_PEG": "1"})
    assert pegged.usd(1, "USDT", date(2018, 1, 26)).source == "peg:usd"
    offline = default_valuer(engine, env={})
    assert offline.usd(1, "BTC", date(2018, 1, 26)) is None                    # CoinGecko off by default
    assert len([r for r in fake_coingecko.requests if "bitcoin" in r["path"]]) == 1


def test_cli_show_uses_coingecko_when_configured(fake_coingecko, tmp_path, prices_db, monkeypatch):
    from typer.testing import CliRunner

    from heistwatch.cli.main import app

    monkeypatch.setenv("HEISTWATCH_COINGECKO_URL", fake_coingecko.base_url)
    monkeypatch.setenv("HEISTWATCH_COINGECKO_CACHE", str(tmp_path / "cg"))
    r = CliRunner().invoke(app, ["prices", "show", "ETH", "--on", "2022-03-23", "--db", prices_db])
    assert r.exit_code == 0, r.output
    assert "2,973.27" in r.output or "2973.27" in r.output
    assert "from coingecko" in r.output
