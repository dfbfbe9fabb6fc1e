"""A fake CoinGecko server speaking the real wire format of ``/api/v3/coins/{id}/history``.

It is a real HTTP server on 127.0.0.1 (http.server in a thread). Behaviour copied from the
live API: ``date`` is DD-MM-YYYY; answers carry ``id``, ``symbol``, ``name``, ``image`` and, when
the coin traded that day, ``market_data`` with ``current_price``/``market_cap``/``total_volume``
keyed by currency; unknown ids give 404 ``{"error": "coin not found"}``; a bad date gives 400
``{"error": "invalid date"}``; over the rate limit, 429 with ``Retry-After`` and the ``status``
object; with a key required and missing, 401 ``API Key Missing`` (error_code 10002).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

COINS = {
    "bitcoin": ("btc", "Bitcoin", {date(2018, 1, 26): 11256.43, date(2015, 1, 4): 287.13}),
    "nem": ("xem", "NEM", {date(2018, 1, 26): 0.9458}),
    "ethereum": ("eth", "Ethereum", {date(2022, 3, 23): 2973.27}),
    "monero": ("xmr", "Monero", {date(2017, 7, 15): 40.12}),
    "tether": ("usdt", "Tether", {}),
}
FIRST_TRADED = {"bitcoin": date(2013, 4, 28), "nem": date(2015, 4, 1), "ethereum": date(2015, 8, 7),
                "monero": date(2014, 5, 21), "tether": date(2015, 2, 25)}


class FakeCoinGecko:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.rate_limit_next = 0          # answer 429 to this many next requests
        self.retry_after = "1"
        self.required_key: tuple[str, str] | None = None   # (header, value)
        self.fail_next_with: int | None = None
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api/v3"

    def start(self) -> "FakeCoinGecko":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(raw)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(raw)

            def do_GET(self) -> None:
                u = urlsplit(self.path)
                q = {k: v[0] for k, v in parse_qs(u.query).items()}
                fake.requests.append({"path": u.path, "query": q, "headers": dict(self.headers.items())})
                if fake.required_key is not None:
                    h, val = fake.required_key
                    if self.headers.get(h) != val:
                        return self._send(401, {"status": {"error_code": 10002, "error_message": "API Key Missing"}})
                if fake.rate_limit_next > 0:
                    fake.rate_limit_next -= 1
                    return self._send(429, {"status": {"error_code": 429, "error_message":
                                      "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits."}},
                                      {"Retry-After": fake.retry_after})
                if fake.fail_next_with is not None:
                    status, fake.fail_next_with = fake.fail_next_with, None
                    return self._send(status, {"error": "internal error"})
                m = re.fullmatch(r"/api/v3/coins/([^/]+)/history", u.path)
                if not m:
                    return self._send(404, {"error": "Incorrect path. Please check https://www.coingecko.com/api/"})
                coin = m.group(1)
                if coin not in COINS:
                    return self._send(404, {"error": "coin not found"})
                try:
                    day = datetime.strptime(q.get("date", ""), "%d-%m-%Y").date()
                except ValueError:
                    return self._send(400, {"error": "invalid date"})
                symbol, name, prices = COINS[coin]
                body: dict = {"id": coin, "symbol": symbol, "name": name}
                if q.get("localization", "true") != "false":
                    body["localization"] = {"en": name, "ja": name}
                body["image"] = {"thumb": f"https://assets.coingecko.com/coins/images/1/thumb/{coin}.png",
                                 "small": f"https://assets.coingecko.com/coins/images/1/small/{coin}.png"}
                if day in prices:
                    usd = prices[day]
                    body["market_data"] = {
                        "current_price": {"usd": usd, "eur": usd * 0.82, "jpy": usd * 109.0, "btc": 1.0},
                        "market_cap": {"usd": usd * 1.0e7, "eur": usd * 0.82e7},
                        "total_volume": {"usd": usd * 1.0e6, "eur": usd * 0.82e6},
                    }
                    body["community_data"] = {"facebook_likes": None, "reddit_subscribers": 1000}
                    body["developer_data"] = {"forks": 1, "stars": 2}
                    body["public_interest_stats"] = {"alexa_rank": None, "bing_matches": None}
                elif day >= FIRST_TRADED[coin] and coin != "tether":
                    # Traded, but this fake knows no price for the day: answer as for a day without data.
                    pass
                return self._send(200, body)

        return Handler


@pytest.fixture
def fake_coingecko() -> Iterator[FakeCoinGecko]:
    server = FakeCoinGecko().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def prices_db(db_url: str) -> str:
    """An empty database made by the store's migrations, on each backend (tests/conftest.py)."""
    return db_url
