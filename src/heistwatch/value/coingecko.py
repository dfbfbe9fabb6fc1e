"""CoinGecko's historical price API over real HTTP, with an on-disk cache. Off unless configured.

``GET {base}/coins/{id}/history?date=DD-MM-YYYY&localization=false`` answers with the coin's
snapshot at 00:00 UTC of that day; the USD price is ``market_data.current_price.usd``. A day before
the coin traded has no ``market_data`` (no price). Unknown ids answer 404; too many calls answer 429
with a ``Retry-After`` header, which we honour up to ``max_retry_wait`` seconds.

Configuration (see :func:`coingecko_from_env`): ``HEISTWATCH_COINGECKO_URL`` (base URL ending in
``/api/v3``), ``HEISTWATCH_COINGECKO_KEY`` (sent as ``x-cg-demo-api-key``, or ``x-cg-pro-api-key``
when the URL is the pro host or ``HEISTWATCH_COINGECKO_KEY_HEADER`` says so) and
``HEISTWATCH_COINGECKO_CACHE`` (cache folder; default: the user cache dir from platformdirs).
Answers (prices and "no price") are cached as one JSON file per coin and day; failures are not.
"""

from __future__ import annotations

import email.utils
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import platformdirs

from heistwatch.value.providers import PricePoint, PriceSourceError

PUBLIC_URL = "https://api.coingecko.com/api/v3"
PRO_URL = "https://pro-api.coingecko.com/api/v3"
DEMO_HEADER = "x-cg-demo-api-key"
PRO_HEADER = "x-cg-pro-api-key"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


class CoinGeckoError(PriceSourceError):
    """CoinGecko did not answer usefully (rate limit after retries, auth error, server error)."""


@lru_cache(maxsize=1)
def coingecko_ids() -> dict[str, str]:
    """Ticker -> CoinGecko id, from ``reference/data/coingecko_ids.json``."""
    raw = resources.files("heistwatch.reference").joinpath("data/coingecko_ids.json").read_text("utf-8")
    return {k.upper(): v for k, v in json.loads(raw)["ids"].items()}


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("heistwatch")) / "coingecko"


class CoinGeckoClient:
    """Price provider backed by CoinGecko's ``/coins/{id}/history`` endpoint."""

    source = "coingecko"

    def __init__(
        self,
        base_url: str = PUBLIC_URL,
        *,
        api_key: str | None = None,
        key_header: str | None = None,
        cache_dir: str | Path | None = None,
        ids: Mapping[str, str] | None = None,
        timeout: float = 10.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.ids = {k.upper(): v for k, v in (ids if ids is not None else coingecko_ids()).items()}
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self._sleep = sleep
        headers = {"accept": "application/json", "user-agent": "heistwatch"}
        if api_key:
            if key_header is None:
                key_header = PRO_HEADER if "pro-api." in self.base_url else DEMO_HEADER
            if key_header not in (DEMO_HEADER, PRO_HEADER):
                raise ValueError(f"key header must be {DEMO_HEADER} or {PRO_HEADER}, got {key_header!r}")
            headers[key_header] = api_key
        self._http = httpx.Client(timeout=timeout, headers=headers, transport=transport)
        self.requests_made = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "CoinGeckoClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- cache -------------------------------------------------------------------------------
    def _cache_path(self, coin_id: str, on: date) -> Path:
        return self.cache_dir / coin_id / f"{on.isoformat()}.json"

    def _read_cache(self, coin_id: str, on: date) -> tuple[bool, float | None]:
        p = self._cache_path(coin_id, on)
        try:
            data = json.loads(p.read_text("utf-8"))
        except (OSError, ValueError):
            return False, None
        usd = data.get("usd")
        return True, (float(usd) if isinstance(usd, (int, float)) and usd > 0 else None)

    def _write_cache(self, coin_id: str, on: date, usd: float | None, note: str) -> None:
        p = self._cache_path(coin_id, on)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"id": coin_id, "date": on.isoformat(), "usd": usd, "note": note}, f)
            os.replace(tmp, p)
        except OSError:
            pass  # a cache that cannot be written is only slower

    # -- API ---------------------------------------------------------------------------------
    def history(self, coin_id: str, on: date) -> dict[str, Any] | None:
        """The raw ``/coins/{id}/history`` answer, or None for an unknown coin (404)."""
        if not _ID_RE.match(coin_id):
            raise ValueError(f"not a CoinGecko coin id: {coin_id!r}")
        url = f"{self.base_url}/coins/{coin_id}/history"
        params = {"date": on.strftime("%d-%m-%Y"), "localization": "false"}
        attempt = 0
        while True:
            try:
                self.requests_made += 1
                r = self._http.get(url, params=params)
            except httpx.HTTPError as e:
                raise CoinGeckoError(f"{url}: {type(e).__name__}: {e}") from e
            if r.status_code == 200:
                try:
                    data = r.json()
                except ValueError as e:
                    raise CoinGeckoError(f"{url}: answer is not JSON") from e
                if not isinstance(data, dict):
                    raise CoinGeckoError(f"{url}: answer is not a JSON object")
                return data
            if r.status_code == 404:
                return None
            if r.status_code == 429 or r.status_code >= 500:
                attempt += 1
                if attempt > self.max_retries:
                    raise CoinGeckoError(f"{url}: HTTP {r.status_code} after {self.max_retries} retries")
                wait = _retry_after(r.headers.get("retry-after"))
                if wait is None:
                    wait = min(2.0 ** attempt, self.max_retry_wait)
                if wait > self.max_retry_wait:
                    raise CoinGeckoError(f"{url}: HTTP {r.status_code}, asked to wait {wait:.0f}s (limit {self.max_retry_wait:.0f}s)")
                self._sleep(wait)
                continue
            raise CoinGeckoError(f"{url}: HTTP {r.status_code}: {_error_message(r)}")

    def price(self, asset: str, on: date) -> PricePoint | None:
        asset = asset.upper()
        coin_id = self.ids.get(asset)
        if coin_id is None:
            return None
        hit, usd = self._read_cache(coin_id, on)
        if not hit:
            data = self.history(coin_id, on)
            if data is None:
                usd, note = None, "coin not found (404)"
            else:
                usd = _usd_of(data)
                note = "ok" if usd is not None else "no market data on that day"
            if usd is not None or (date.today() - on).days > 2:
                # "no price" for the last days may only mean CoinGecko has not closed the day yet
                self._write_cache(coin_id, on, usd, note)
        if usd is None:
            return None
        return PricePoint(asset, on, usd, self.source)


def _usd_of(data: Mapping[str, Any]) -> float | None:
    md = data.get("market_data")
    if not isinstance(md, Mapping):
        return None
    cp = md.get("current_price")
    usd = cp.get("usd") if isinstance(cp, Mapping) else None
    if isinstance(usd, (int, float)) and not isinstance(usd, bool) and usd > 0:
        return float(usd)
    return None


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _error_message(r: httpx.Response) -> str:
    try:
        data = r.json()
    except ValueError:
        return r.text[:200]
    if isinstance(data, dict):
        st = data.get("status")
        if isinstance(st, dict) and st.get("error_message"):
            return str(st["error_message"])
        if data.get("error"):
            return str(data["error"])
    return r.text[:200]


def coingecko_from_env(env: Mapping[str, str] | None = None, **kwargs: Any) -> CoinGeckoClient | None:
    """A client when ``HEISTWATCH_COINGECKO_URL`` or ``HEISTWATCH_COINGECKO_KEY`` is set, else None."""
    env = os.environ if env is None else env
    url = env.get("HEISTWATCH_COINGECKO_URL", "").strip()
    key = env.get("HEISTWATCH_COINGECKO_KEY", "").strip() or None
    if not url and not key:
        return None
    header = env.get("HEISTWATCH_COINGECKO_KEY_HEADER", "").strip() or None
    if not url:
        url = PRO_URL if header == PRO_HEADER else PUBLIC_URL
    cache = env.get("HEISTWATCH_COINGECKO_CACHE", "").strip() or None
    kwargs.setdefault("cache_dir", cache)
    return CoinGeckoClient(url, api_key=key, key_header=header, **kwargs)
